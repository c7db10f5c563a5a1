"""The presentation as a PDF: one 16:9 landscape page per chapter, for any PDF reader.

Each page renders the same chapter the served presentation and the HTML deck render: its
section component (:func:`~erbm_map.presentation.deck_layout.create_section`) is read as text
blocks, so the words cannot drift from the screen. The map is the server's paper map of the
chapter's view (:func:`~erbm_map.map.static_map.build_static_map`, ``diapositive`` frame:
legend and scale), and the fonts are matplotlib's DejaVu Sans, embedded by reportlab.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from dash.development.base_component import Component
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph

from erbm_map.data import Bundle
from erbm_map.map.static_map import build_static_map
from erbm_map.presentation.chapters import Chapter, ChapterKind
from erbm_map.presentation.colophon import colophon_lines
from erbm_map.presentation.deck_file import WHOLE_TERRITORY, DeckPlace, build_deck_chapters
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_layout import create_section
from erbm_map.presentation.deck_map import state_for
from erbm_map.printouts.sheet_pdf import _esc, _fonts

#: 16:9, the size of a widescreen slide (13.33 × 7.5 in).
PAGE = (338.67 * mm, 190.5 * mm)
MARGIN = 12 * mm
#: Block elements whose text is one paragraph of the page; their children are not visited.
HEADINGS = {"H1", "H2", "H3", "H4"}
BLOCKS = {*HEADINGS, "P", "Li", "Tr"}
#: Classes of elements read as one block: a key figure's values (« 653 2019 → 700 2024 »).
BLOCK_CLASSES = {"pfig-values"}


def text_blocks(node: object) -> Iterator[tuple[str, str, str]]:
    """(tag, class, text) of each block of a component tree, in reading order."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from text_blocks(child)
        return
    if not isinstance(node, Component):
        return
    data = node.to_plotly_json()
    props = data["props"]
    if data["type"] in BLOCKS or BLOCK_CLASSES & set(str(props.get("className", "")).split()):
        text = " ".join(_flat(props.get("children")).split())
        if text:
            yield data["type"], str(props.get("className", "")), text
        return
    yield from text_blocks(props.get("children"))


def _flat(node: object) -> str:
    if isinstance(node, str | int | float):
        return f"{node} "
    if isinstance(node, list | tuple):
        return "".join(_flat(child) for child in node)
    if isinstance(node, Component):
        return _flat(node.to_plotly_json()["props"].get("children"))
    return ""


def _styles(muted: str, tint: str) -> dict[str, ParagraphStyle]:
    """Projector sizes; the colours are the charts' own (``symbols.csv`` ``chart`` rows)."""
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=16, leading=20, spaceAfter=6)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=28, leading=32),
        "body": body,
        "figure": ParagraphStyle("figure", parent=body, fontName=bold, fontSize=18, leading=22),
        "home": ParagraphStyle(
            "home", parent=body, backColor=colors.HexColor(tint), borderPadding=6, spaceAfter=12
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=11, leading=13.5, textColor=colors.HexColor(muted)
        ),
    }


def _page(
    canvas: Canvas,
    title: str,
    blocks: list[tuple[str, str]],
    sources: list[str],
    map_png: bytes | None,
    kicker: str = "",
    *,
    s: dict[str, ParagraphStyle],
) -> None:
    width, height = PAGE
    heading = [Paragraph(_esc(kicker.upper()), s["small"])] if kicker else []
    heading.append(Paragraph(_esc(title), s["title"]))
    Frame(MARGIN, height - MARGIN - 24 * mm, width - 2 * MARGIN, 24 * mm, showBoundary=0).addFromList(
        [KeepInFrame(width - 2 * MARGIN, 24 * mm, heading, mode="shrink")],
        canvas,
    )
    text_width = (width - 2 * MARGIN) * (0.42 if map_png else 1.0)
    body_height = height - 2 * MARGIN - 24 * mm - 26 * mm
    flow = [Paragraph(_esc(text), s[style]) for style, text in blocks]
    Frame(MARGIN, MARGIN + 26 * mm, text_width, body_height, showBoundary=0).addFromList(
        [KeepInFrame(text_width, body_height, flow, mode="shrink")], canvas
    )
    foot = [Paragraph(_esc(line), s["small"]) for line in sources]
    Frame(MARGIN, MARGIN, width - 2 * MARGIN, 26 * mm, showBoundary=0).addFromList(
        [KeepInFrame(width - 2 * MARGIN, 26 * mm, foot, mode="shrink")], canvas
    )
    if map_png:
        image = ImageReader(io.BytesIO(map_png))
        iw, ih = image.getSize()
        box_w, box_h = width - 2 * MARGIN - text_width - 6 * mm, body_height
        scale = min(box_w / iw, box_h / ih)
        x = width - MARGIN - iw * scale
        canvas.drawImage(image, x, MARGIN + 26 * mm + (box_h - ih * scale), iw * scale, ih * scale)


def chapter_page(
    bundle: Bundle, chapter: Chapter, index: int, edition: str, place: DeckPlace = WHOLE_TERRITORY
) -> tuple[list[tuple[str, str]], list[str], bytes | None]:
    """A chapter's text blocks, source lines and map (PNG), from its served section."""
    main, sources = create_section(bundle, chapter, index).children
    blocks = [
        ("figure" if "pfig-values" in cls or tag in HEADINGS else "body", text)
        for tag, cls, text in text_blocks(main)
    ]
    source_lines: list[str] = []
    for _tag, cls, text in text_blocks(sources):
        if "phome" in cls:
            blocks.insert(0, ("home", text))
        else:
            source_lines.append(text)
    map_png = None
    if chapter.has_map:
        theme = chapter.slug if chapter.kind is ChapterKind.THEME else ""
        state = state_for(bundle, chapter.layers, chapter.commune or place.commune, theme)
        state = state.with_(epci=place.epci, edition=edition or state.edition)
        map_png = build_static_map(bundle, state, "png", frame="diapositive")
    return blocks, source_lines, map_png


def render_deck_pdf(
    bundle: Bundle, *, link: str, place: DeckPlace = WHOLE_TERRITORY, today: dt.date, edition: str = ""
) -> bytes:
    """Every chapter on its own 16:9 page, then the page that names the data."""
    out = io.BytesIO()
    regular, _bold = _fonts()
    styles = _styles(bundle.domain.palette["legende"], bundle.domain.palette["grille"])
    # Reportlab's default font is Helvetica, never embedded: start every page in DejaVu Sans.
    canvas = Canvas(out, pagesize=PAGE, pageCompression=1, initialFontName=regular)
    canvas.setTitle(L.TITLE)
    canvas.setAuthor("ARS Hauts-de-France — erbm-map")
    for index, chapter in enumerate(build_deck_chapters(bundle, place, edition)):
        blocks, sources, map_png = chapter_page(bundle, chapter, index, edition, place)
        _page(canvas, chapter.title, blocks, sources, map_png, chapter.kicker, s=styles)
        canvas.showPage()
    lines = colophon_lines(bundle, link=link, today=today)
    _page(canvas, L.DECK_COLOPHON_TITLE, [("body", line) for line in lines], [], None, s=styles)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
