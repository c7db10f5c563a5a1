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
from erbm_map.core.domain import ALL_LAYERS
from erbm_map.data import Bundle
from erbm_map.presentation.chapters import Chapter, ChapterKind
from erbm_map.presentation.deck_figures import Change, FigureValue, KeyFigure
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_map import chapter_bounds
from erbm_map.presentation.focus import create_focus, focus_figure
from erbm_map.presentation.legend import create_legend
from erbm_map.presentation.slope import create_slope
from erbm_map.reports import commune_report


def typeset(text: str) -> str:
    """French guillemets hold their words: « Lieux » never ends or starts a line alone."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def root_class(chapter: Chapter) -> str:
    """Root classes for a chapter, in the deck and on its section.

    Its kind selects the CSS layout; ``shows-<layer>`` reveals the legend blocks of its map.
    """
    shows = "".join(f" shows-{layer}" for layer in chapter.layers) if chapter.has_map else ""
    return f"presentation kind-{chapter.kind.value}{shows}"


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

    An arrow joins the two editions only when they measure the same thing. A pair that does
    not compare shows its latest value alone; the older one is set small, under a
    « mesures différentes » badge with its reason, so that « 269 » twice never reads as a trend.
    """
    different = len(figure.values) > 1 and not figure.comparable
    shown = figure.values[-1:] if different else figure.values
    cells: list[object] = []
    for i, value in enumerate(shown):
        if i:
            cells.append(html.Span("→", className="pfig-arrow", **{"aria-hidden": "true"}))
        cells.append(create_value(value, latest=i == len(shown) - 1))
    text: list[object] = [html.P(typeset(figure.label), className="pfig-label")]
    if different:
        text.append(create_other(figure.values[0], figure.reason))
    elif figure.comparison:
        text.append(html.P(typeset(figure.comparison), className="pfig-compare"))
    return html.Article(
        [html.Div(cells, className="pfig-values"), html.Div(text, className="pfig-text")],
        className="pfig pfig-is-different" if different else "pfig",
        **{"data-stem": figure.stem, "data-compare": "" if not figure.comparison else str(figure.comparable)},
    )


def create_other(before: FigureValue, reason: str) -> html.P:
    """« mesures différentes » as a badge, then the older edition's value and the reason."""
    # The older edition's own wording is left to the appendix: the reason already says what differs.
    older = f"{before.edition}\u00a0: {before.full}"
    return html.P(
        [
            html.Span(L.DIFFERENT_BADGE, className="pfig-badge"),
            " ",
            html.Span(typeset(older), className="pfig-older", **{"data-edition": before.edition}),
            *caveat_of(before),
            " — ",
            typeset(reason),
        ],
        className="pfig-compare pfig-different",
    )


def create_figures(figures: tuple[KeyFigure, ...]) -> html.Div:
    """The figures, one per row."""
    return html.Div([create_figure(f) for f in figures], className="pfigs")


def create_closing(chapter: Chapter) -> list[object]:
    """The closing slope of the pairs that moved, stable ones in one sentence, then the notes."""
    moved = [c for c in chapter.changes if not c.unchanged]
    stable = [c for c in chapter.changes if c.unchanged]
    children: list[object] = [create_slope(moved, typeset)] if moved else []
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
    return children


def create_appendix(chapter: Chapter) -> list[object]:
    """Every pair that does not compare, in two columns; pairs that share a reason share one paragraph.

    Both values are written « 2019 : 269 · 2024 : 269 », never side by side in large type.
    """
    groups: dict[str, list[Change]] = {}
    for change in chapter.changes:
        groups.setdefault(change.reason, []).append(change)
    items = []
    for reason, members in groups.items():
        pairs = [
            html.Li(
                [
                    html.Span(typeset(change.label), className="pappendix-label"),
                    " ",
                    html.Span(
                        [
                            part
                            for i, value in enumerate((change.before, change.after))
                            for part in (
                                " · " if i else "",
                                typeset(_edition_value(value)),
                                *caveat_of(value),
                            )
                            if part
                        ],
                        className="pappendix-values",
                    ),
                ],
                **{"data-stem": change.stem, "data-compare": "different"},
            )
            for change in members
        ]
        items.append(
            html.Div(
                [html.Ul(pairs), html.P(typeset(reason), className="pappendix-reason")],
                className="pappendix-group",
            )
        )
    return [html.Div(items, className="pappendix")]


def caveat_of(value: FigureValue) -> list[html.Span]:
    """A value's uncertainty note, as the slides show it wherever the value appears (issue 19)."""
    return [html.Span(value.caveat, className="pfig-caveat")] if value.caveat else []


def _edition_value(value: FigureValue) -> str:
    """« 2019 : 269 »; an edition's own wording is not repeated, its reason says what differs."""
    return f"{value.edition}\u00a0: {value.full}"


def create_sources(chapter: Chapter) -> html.Div:
    """Sources in small print, then what the map shows and who chose it."""
    lines: list[object] = [html.P([L.SOURCES, " ; ".join(chapter.sources)])]
    if chapter.home:
        # A kit's « Chez vous » line sits by the map it describes, above the sources.
        lines.insert(0, html.P(typeset(chapter.home), className="phome"))
    if chapter.map_source:
        lines.append(html.P(chapter.map_source))
    return html.Div(lines, className="psources")


def create_section(bundle: Bundle, chapter: Chapter, index: int) -> html.Section:
    """A chapter's body; the title is shared (one ``chapter-title`` on the page)."""
    if chapter.kind is ChapterKind.CLOSING:
        main: list[object] = create_closing(chapter)
    elif chapter.kind is ChapterKind.APPENDIX:
        main = create_appendix(chapter)
    elif chapter.kind is ChapterKind.COMMUNE:
        report = commune_report(bundle, chapter.commune, bundle.domain.latest_edition, bundle.latest_vintage)
        main = [create_figures((focus_figure(report),)), *create_focus(report)]
    else:
        main = [create_figures(chapter.figures)]
    if chapter.note:
        main.append(html.P(typeset(chapter.note), className="pnote"))
    return html.Section(
        [html.Div(main, className="chapter-main"), create_sources(chapter)],
        id={"type": CHAPTER_TYPE, "index": index},
        className=f"chapter chapter-{chapter.kind.value}",
        hidden=index != 0,
        # Read by 31-presentation.js to paint a chapter before Dash confirms it.
        **{
            "data-slug": chapter.slug,
            "data-title": chapter.title,
            "data-kicker": chapter.kicker,
            "data-class": root_class(chapter),
        },
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
                "kicker": chapter.kicker,
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


def create_heading(chapter: Chapter) -> html.Header:
    """The theme as a kicker, above the chapter's message; the browser swaps both on a key press."""
    return html.Header(
        [html.P(chapter.kicker, className="pkicker"), html.H1(chapter.title, id=Ids.TITLE)], className="phead"
    )


def create_stage(
    bundle: Bundle,
    chapters: list[Chapter],
    map_component: Component,
    footer: html.Footer,
    sections: list[html.Section] | None = None,
) -> list[Component]:
    """What a slide shows: heading, chapter bodies, the map with its legend, and the footer.

    Shared by the served presentation and the exported file (``deck_file.py``), which passes
    its own footer and sections (the page that names the data).
    """
    return [
        create_heading(chapters[0]),
        html.Main(sections or create_sections(bundle, chapters), id=Ids.BODY, className="pbody"),
        html.Div(
            # Every layer's legend block; the chapter's root class shows its own (``legend.py``).
            [map_component, create_legend(bundle, ALL_LAYERS)],
            className="pmap",
            # A region, not an image: its establishments can be reached with Tab.
            role="region",
            **{"aria-label": L.MAP},
        ),
        footer,
    ]


def create_layout(bundle: Bundle, chapters: list[Chapter], map_component: Component) -> html.Div:
    """The page: the stage (heading, chapter bodies, map, footer) and the stores."""
    first = chapters[0]
    return html.Div(
        [
            dcc.Location(id=Ids.URL, refresh=False),
            dcc.Store(id=Ids.DECK, data=deck_data(chapters, bundle)),
            dcc.Store(id=Ids.TARGET),
            dcc.Store(id=Ids.CHAPTER, data=0),
            html.Div(id=Ids.MESSAGE, className="pmessage", role="status"),
            *create_stage(bundle, chapters, map_component, create_footer(len(chapters))),
        ],
        id=Ids.ROOT,
        className=f"{root_class(first)} is-loading",
        lang="fr",
    )
