"""The "changes between zoning vintages" view: which communes gained or lost eligibility."""

from __future__ import annotations

from collections import Counter

from dash import html

from erbm_map.data import Bundle
from erbm_map.fmt import fmt_number
from erbm_map.imports.changes import zoning_changes
from erbm_map.labels import Labels

#: Each kind of change (``imports.changes.zoning_changes``) in French, for one commune and for several.
KIND_LABELS = {"gagne": Labels.CHANGE_GAINS, "perd": Labels.CHANGE_LOSES, "change": Labels.CHANGE_ZONE}
PLURAL_LABELS = {
    "gagne": Labels.CHANGE_GAINS_PLURAL,
    "perd": Labels.CHANGE_LOSES_PLURAL,
    "change": Labels.CHANGE_ZONE_PLURAL,
}


def create_changes(bundle: Bundle, old: str, new: str) -> list[object]:
    """A summary and one row per commune whose zone differs between ``old`` and ``new``."""
    if len(bundle.vintages) < 2 or old not in bundle.vintages or new not in bundle.vintages or old == new:
        return [html.P(Labels.CHANGES_NONE, className="empty")]
    changes = zoning_changes(bundle.zoning[old].to_dict(), bundle.zoning[new].to_dict(), bundle.domain)
    if not changes:
        return [html.P(Labels.CHANGES_EMPTY.format(old=old, new=new), className="empty")]
    counts = Counter(change.kind for change in changes)
    zone_label = bundle.zones["label"].to_dict()
    communes = bundle.communes
    rows = [
        html.Tr(
            [
                html.Td(communes.at[c.insee, "nom"]),
                html.Td(c.insee),
                html.Td(communes.at[c.insee, "epci_nom"]),
                html.Td(zone_label.get(c.old_zone, c.old_zone)),
                html.Td(zone_label.get(c.new_zone, c.new_zone)),
                html.Td(KIND_LABELS[c.kind], className=f"change-{c.kind}"),
            ],
            **{"data-insee": c.insee, "data-kind": c.kind},
        )
        for c in sorted(changes, key=lambda c: (c.kind, communes.at[c.insee, "nom"]))
    ]
    summary = ", ".join(
        f"{fmt_number(counts[k])} {(PLURAL_LABELS if counts[k] > 1 else KIND_LABELS)[k]}"
        for k in ("gagne", "perd", "change")
        if counts[k]
    )
    return [
        html.P(
            Labels.CHANGES_SUMMARY.format(old=old, new=new, count=fmt_number(len(changes)), summary=summary)
        ),
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(h)
                            for h in (
                                Labels.COMMUNE,
                                Labels.INSEE,
                                Labels.EPCI,
                                Labels.ZONE_OF_VINTAGE.format(vintage=old),
                                Labels.ZONE_OF_VINTAGE.format(vintage=new),
                                Labels.CHANGE_KIND,
                            )
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="zone-table changes-table",
        ),
    ]
