"""The presentation page: every chapter is rendered up front, one is shown at a time.

Switching chapters is then a matter of toggling ``hidden`` in the browser: the
script paints the chapter in the frame of the key press (each section carries its
title and root class for that), the clientside callback then sets the same props
in Dash. Only the map asks the server, for a small ``Patch``.
"""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from erbm_map.core.deck_ids import CHAPTER_TYPE
from erbm_map.core.deck_ids import PresentationIds as Ids
from erbm_map.data import Bundle
from erbm_map.presentation.chapters import Chapter, ChapterKind
from erbm_map.presentation.deck_figures import FigureValue, KeyFigure
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_map import chapter_bounds
from erbm_map.presentation.focus import create_focus, focus_figure
from erbm_map.reports import commune_report


def typeset(text: str) -> str:
    """French guillemets hold their words: « Lieux » never ends or starts a line alone."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def root_class(chapter: Chapter) -> str:
    """Root classes for a chapter (its kind selects the CSS layout), in the deck and on its section."""
    return f"presentation kind-{chapter.kind.value}"


def create_value(value: FigureValue, latest: bool) -> html.Div:
    """One printed value: hedge small, number large, edition under it (with its own wording if any)."""
    number = "pfig-number pfig-value" if latest else "pfig-number pfig-before"
    children: list[object] = []
    if value.qualifier:
        children.append(html.Span(value.qualifier, className="pfig-qualifier"))
    line: list[object] = [html.Span(value.text, className=number)]
    if value.suffix:
        line.append(html.Span(f" {value.suffix}", className="pfig-suffix"))
    children.append(html.Span(line, className="pfig-line"))
    if value.edition:
        children.append(html.Span(value.edition, className="pfig-edition"))
    if value.label:
        children.append(html.Span(typeset(value.label), className="pfig-own-label"))
    if value.caveat:
        children.append(html.Span(value.caveat, className="pfig-caveat"))
    return html.Div(
        children, className="pfig-cell", **{"data-edition": value.edition, "data-caveat": value.caveat}
    )


def create_figure(figure: KeyFigure) -> html.Article:
    """A key figure: its values oldest first, then its label and, for a pair, the verdict.

    An arrow joins the two editions only when they measure the same thing; otherwise they
    stand side by side under « mesures différentes : … » (``core/pairs.judge``).
    """
    cells: list[object] = []
    for i, value in enumerate(figure.values):
        if i:
            mark = "→" if figure.comparable else "|"
            cells.append(html.Span(mark, className="pfig-arrow", **{"aria-hidden": "true"}))
        cells.append(create_value(value, latest=i == len(figure.values) - 1))
    text: list[object] = [html.P(typeset(figure.label), className="pfig-label")]
    if figure.comparison:
        kind = "pfig-compare" if figure.comparable else "pfig-compare pfig-different"
        text.append(html.P(typeset(figure.comparison), className=kind))
    return html.Article(
        [html.Div(cells, className="pfig-values"), html.Div(text, className="pfig-text")],
        className="pfig",
        **{"data-stem": figure.stem, "data-compare": "" if not figure.comparison else str(figure.comparable)},
    )


def create_figures(figures: tuple[KeyFigure, ...]) -> html.Div:
    """The figures, one per row."""
    return html.Div([create_figure(f) for f in figures], className="pfigs")


def create_changes(chapter: Chapter) -> list[object]:
    """The closing table: changed figures in rows, stable ones in one sentence."""
    moved = [c for c in chapter.changes if not c.unchanged]
    stable = [c for c in chapter.changes if c.unchanged]
    rows = [
        html.Tr(
            [
                html.Td(typeset(change.label), className="pchange-label"),
                html.Td(_with_label(change.before), className="pchange-num"),
                html.Td(_with_label(change.after), className="pchange-num"),
                html.Td(
                    typeset(change.change),
                    className="pchange-delta" if change.comparable else "pchange-delta pchange-different",
                ),
            ],
            **{"data-stem": change.stem, "data-compare": "same" if change.comparable else "different"},
        )
        for change in moved
    ]
    last = L.CLOSING_CHANGE if any(c.comparable for c in moved) else L.CLOSING_WHY
    # The two columns are the ends of every pair: the oldest and the newest edition compared.
    old = min((c.before.edition for c in chapter.changes), default="")
    new = max((c.after.edition for c in chapter.changes), default="")
    head = html.Thead(html.Tr([html.Th(L.CLOSING_FIGURE), html.Th(old), html.Th(new), html.Th(last)]))
    kind = "pchanges" if any(c.comparable for c in moved) else "pchanges pchanges-different"
    children: list[object] = [html.Table([head, html.Tbody(rows)], className=kind)]
    if stable:
        # A stable pair is one value said twice: flag it if either edition's reading is uncertain.
        labels = " ; ".join(
            f"{c.label} ({', '.join(p for p in (c.after.full, c.after.caveat or c.before.caveat) if p)})"
            for c in stable
        )
        children.append(
            html.P(typeset(L.CLOSING_UNCHANGED.format(labels=labels)), className="pchanges-stable")
        )
    if any(c.approximate for c in moved):
        children.append(html.P(L.CLOSING_APPROX, className="pchanges-note"))
    if any(not c.comparable for c in moved):
        children.append(html.P(typeset(L.CLOSING_DIFFERENT), className="pchanges-note"))
    return children


def _with_label(value: FigureValue) -> list[object]:
    """A value, and under it its edition's own wording when that differs, then its caveat if any."""
    cell: list[object] = [value.full]
    if value.label:
        cell += [html.Br(), html.Span(typeset(value.label), className="pchange-own-label")]
    if value.caveat:
        cell += [html.Br(), html.Span(value.caveat, className="pfig-caveat")]
    return cell


def create_sources(chapter: Chapter) -> html.Div:
    """Sources in small print, then what the map shows and who chose it."""
    lines: list[object] = [html.P([L.SOURCES, " ; ".join(chapter.sources)])]
    if chapter.map_source:
        lines.append(html.P(chapter.map_source))
    return html.Div(lines, className="psources")


def create_section(bundle: Bundle, chapter: Chapter, index: int) -> html.Section:
    """A chapter's body; the title is shared (one ``chapter-title`` on the page)."""
    if chapter.kind is ChapterKind.CLOSING:
        main: list[object] = create_changes(chapter)
    elif chapter.kind is ChapterKind.COMMUNE:
        report = commune_report(bundle, chapter.commune, bundle.domain.latest_edition, bundle.latest_vintage)
        main = [create_figures((focus_figure(report),)), *create_focus(report)]
    else:
        main = [create_figures(chapter.figures)]
    if chapter.note:
        main.append(html.P(typeset(chapter.note), className="pnote"))
    if chapter.home:
        main.insert(0, html.P(typeset(chapter.home), className="phome"))
    return html.Section(
        [html.Div(main, className="chapter-main"), create_sources(chapter)],
        id={"type": CHAPTER_TYPE, "index": index},
        className=f"chapter chapter-{chapter.kind.value}",
        hidden=index != 0,
        # Read by 31-presentation.js to paint a chapter before Dash confirms it.
        **{"data-slug": chapter.slug, "data-title": chapter.title, "data-class": root_class(chapter)},
    )


def create_sections(bundle: Bundle, chapters: list[Chapter]) -> list[html.Section]:
    """Every chapter's body, the first one visible."""
    return [create_section(bundle, chapter, i) for i, chapter in enumerate(chapters)]


def deck_data(chapters: list[Chapter], bundle: Bundle) -> dict[str, object]:
    """What the browser needs to switch chapters and frame the map (see ``erbmMap.chapter``)."""
    return {
        "chapters": [
            {
                "title": chapter.title,
                "slug": chapter.slug,
                "className": root_class(chapter),
                "layers": list(chapter.layers),
                "commune": chapter.commune,
                "theme": chapter.slug if chapter.kind is ChapterKind.THEME else "",
                "map": chapter.has_map,
                "bounds": chapter_bounds(bundle, chapter.commune),
            }
            for chapter in chapters
        ],
        "progress": L.PROGRESS,
        "progressAria": L.PROGRESS_ARIA,
    }


#: Where the served presentation offers itself as files (``presentation/deck_routes.py``).
DECK_HTML_URL = "/presentation.html"
DECK_PDF_URL = "/presentation.pdf"


def create_footer(
    total: int, *, exit_href: str = "/", exit_label: str = L.EXIT, downloads: bool = True
) -> html.Footer:
    """Exit, full screen, the deck as files (served only), key hint, and the arrows around the progress."""
    tools: list[object] = [
        html.A(exit_label, href=exit_href, id=Ids.EXIT, className="pbutton"),
        html.Button(L.FULLSCREEN, id=Ids.FULLSCREEN, className="pbutton", type="button"),
    ]
    if downloads:
        tools += [
            html.A(L.DECK_HTML, href=DECK_HTML_URL, className="pbutton", download=""),
            html.A(L.DECK_PDF, href=DECK_PDF_URL, className="pbutton", download=""),
        ]
    return html.Footer(
        [
            html.Div([*tools, html.Span(L.KEYS, className="pkeys")], className="pfoot-tools"),
            html.Nav(
                [
                    html.Button(
                        "←",
                        id=Ids.PREV,
                        disabled=True,
                        className="parrow",
                        type="button",
                        **{"aria-label": L.PREV, "title": L.PREV},
                    ),
                    html.Span(
                        L.PROGRESS.format(current=1, total=total),
                        id=Ids.PROGRESS,
                        className="pprogress",
                        role="status",
                        **{
                            "aria-label": L.PROGRESS_ARIA.format(current=1, total=total),
                            "data-template": L.PROGRESS,
                            "data-aria-template": L.PROGRESS_ARIA,
                        },
                    ),
                    html.Button(
                        "→",
                        id=Ids.NEXT,
                        disabled=total <= 1,
                        className="parrow",
                        type="button",
                        **{"aria-label": L.NEXT, "title": L.NEXT},
                    ),
                ],
                className="pnav",
                **{"aria-label": L.NAV},
            ),
        ],
        className="pfoot",
    )


def create_layout(bundle: Bundle, chapters: list[Chapter], map_component: Component) -> html.Div:
    """The page: shared title, chapter bodies, one map, the footer and the stores."""
    first = chapters[0]
    return html.Div(
        [
            dcc.Location(id=Ids.URL, refresh=False),
            dcc.Store(id=Ids.DECK, data=deck_data(chapters, bundle)),
            dcc.Store(id=Ids.TARGET),
            dcc.Store(id=Ids.CHAPTER, data=0),
            html.Div(id=Ids.MESSAGE, className="pmessage", role="status"),
            html.Header(html.H1(first.title, id=Ids.TITLE), className="phead"),
            html.Main(create_sections(bundle, chapters), id=Ids.BODY, className="pbody"),
            html.Div(
                map_component,
                className="pmap",
                # A region, not an image: its establishments can be reached with Tab.
                role="region",
                **{"aria-label": L.MAP},
            ),
            create_footer(len(chapters)),
        ],
        id=Ids.ROOT,
        className=f"{root_class(first)} is-loading",
        lang="fr",
    )
