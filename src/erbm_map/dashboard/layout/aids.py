"""The aid section of a card, rendered from a report's :class:`~erbm_map.reports.model.Aids`.

The amounts come from the 2019 brochure, which announced them for 1 January 2020. An official
reads a card as today's entitlement, so the section keeps the unit (« par mois », « par an »),
says when and by whom the aids were announced, how the brochure words them for the zone, and
advises checking with the ARS. The words are the report's (``reports.facts``): this module
only lays them out, for the dashboard and, in ``compact`` form, for the projector.
"""

from __future__ import annotations

from dash import html

from erbm_map.reports.facts import joined as announcing_editions
from erbm_map.reports.model import AidFact, Aids

#: Kept for ``presentation.chapters`` (the aids slide names the announcing brochures).
__all__ = ["announcing_editions", "create_aid_block"]


def _item(line: AidFact, compact: bool) -> html.Li:
    children: list[object] = []
    if line.zones:
        children.append(html.Span(f"{', '.join(line.zones)} — ", className="aid-zones"))
    children += [html.Strong(line.label), f" : {line.amount}"]
    if not compact and line.conditions:
        children.append(html.Span(f" — {line.conditions}", className="aid-conditions"))
    return html.Li(children, **{"data-aid": line.label, "data-unit": line.unit})


def create_aid_block(aids: Aids, compact: bool = False, zoning: bool = True) -> list[object]:
    """The aid section's body: the lines, the partial-eligibility warning, dates, wording, source, advice.

    ``compact`` gives the projector's form: no conditions, and one line for the date and the
    advice (the slide cites the source in its small print); units and date stay. ``zoning``
    says which vintage the zone was read in (a commune's card; an EPCI's has its own table).
    """
    body: list[object] = []
    if aids.partial:
        body.append(html.P(aids.partial, className="partial"))
    if not aids.lines:
        return body or [html.P(aids.empty)]
    body.append(html.Ul([_item(line, compact) for line in aids.lines], className="aids"))
    if compact:
        body.append(html.P(aids.short_notice, className="aids-notice aids-dated"))
        return body
    notice = [html.P(aids.announced, className="aids-dated")]
    if zoning:
        notice.append(html.P(aids.zoning, className="aids-zoning"))
    notice += [html.P(caveat, className="aids-caveat") for caveat in aids.caveats]
    notice += [html.P(aids.source, className="aids-source"), html.P(aids.check, className="aids-check")]
    body.append(html.Div(notice, className="aids-notice"))
    return body
