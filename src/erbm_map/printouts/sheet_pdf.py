"""The sheet as a PDF download, laid out by reportlab from the same content model as the page.

Why reportlab: the server must make the PDF itself (no browser on a production host), and
reportlab is a long-maintained, pure-wheel library whose Platypus flowables wrap French text,
take the map PNG and the QR code, and, through ``KeepInFrame(mode="shrink")``, guarantee one
A4 page whatever the length of a list. WeasyPrint would reuse the HTML but needs Pango from the
system; matplotlib's PdfPages has no text flow. The two renderers share
:class:`~erbm_map.printouts.print_model.Sheet`, so they cannot say different things; only the
layout is written twice, and it is short. Fonts are matplotlib's DejaVu Sans (already installed,
full Unicode: « », narrow no-break spaces, €), so the PDF looks like the map.
"""

from __future__ import annotations

import io
from functools import cache
from html import escape
from pathlib import Path

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from erbm_map.core.labels import Labels
from erbm_map.printouts.print_model import Sheet
from erbm_map.printouts.sheet_html import qr_png

MARGIN = 12 * mm
SIDE = 80 * mm
QR = 24 * mm


@cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) from matplotlib's own fonts, once."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    return "DejaVuSans", "DejaVuSans-Bold"


@cache
def _styles(accent_hex: str, muted_hex: str) -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    accent, muted = colors.HexColor(accent_hex), colors.HexColor(muted_hex)
    body = ParagraphStyle("body", fontName=regular, fontSize=8.6, leading=10.8)
    return {
        "tool": ParagraphStyle("tool", parent=body, fontName=bold, fontSize=12, leading=14, textColor=accent),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=7.5, leading=9, textColor=muted),
        "kind": ParagraphStyle(
            "kind", parent=body, fontName=bold, fontSize=8.5, textColor=muted, spaceBefore=4
        ),
        "name": ParagraphStyle("name", parent=body, fontName=bold, fontSize=17, leading=20, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=bold, fontSize=9.2, leading=11, textColor=accent, spaceBefore=5
        ),
        "body": body,
        "item": ParagraphStyle("item", parent=body, leftIndent=8, bulletIndent=0, spaceBefore=1),
        "small": ParagraphStyle("small", parent=body, fontSize=6.8, leading=8.4, textColor=muted),
        "link": ParagraphStyle("link", parent=body, fontSize=6.8, leading=8.4, wordWrap="CJK"),
    }


def _esc(text: str) -> str:
    """Escaped for reportlab's markup, with U+202F (thousands) as U+00A0, which it never breaks."""
    return escape(str(text)).replace("\u202f", "\u00a0")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_esc(text), style)


def _text_column(sheet: Sheet, vintage_label: str) -> list[object]:
    s = _styles(sheet.accent, sheet.muted)
    flow: list[object] = [
        Paragraph(
            " · ".join(f"{_esc(term)} : <b>{_esc(value)}</b>" for term, value in sheet.facts), s["body"]
        )
    ]
    if sheet.zone:
        zone = sheet.zone
        flow += [
            _p(Labels.LAYER_ZONAGE, s["h2"]),
            Paragraph(
                f'<font color="{zone.color}">■</font> <b>{_esc(zone.label)}</b> '
                f'<font size="7" color="{sheet.muted}">({_esc(vintage_label)})</font>',
                s["body"],
            ),
            _p(zone.description, s["small"]),
        ]
    for block in sheet.blocks:
        flow.append(_p(block.title, s["h2"]))
        if block.lines:
            for line in block.lines:
                note = f' <font size="7" color="{sheet.muted}">({_esc(line.note)})</font>'
                note = note if line.note else ""
                flow.append(Paragraph(_esc(line.text) + note, s["item"], bulletText="•"))
        else:
            flow.append(_p(block.empty, s["body"]))
        flow.extend(_p(source, s["small"]) for source in block.sources)
    return flow


def _side_column(map_png: bytes, map_size: tuple[int, int]) -> list[object]:
    """The map alone: the link and its QR code close the sources, as on the page to print."""
    width, height = map_size
    return [Image(io.BytesIO(map_png), width=SIDE, height=SIDE * height / width)]


def _footer(sheet: Sheet, width: float) -> Table:
    """Sources, date and link on the left, the QR code on the right."""
    s = _styles(sheet.accent, sheet.muted)
    sources = [_p(Labels.SHEET_SOURCES, s["h2"])]
    sources += [Paragraph(_esc(text), s["small"], bulletText="•") for text in sheet.sources]
    sources.append(Paragraph(f"<b>{_esc(sheet.issued)}</b>", s["small"]))
    sources.append(Paragraph(f"<b>{_esc(Labels.SHEET_LINK)} :</b> {_esc(sheet.permalink)}", s["link"]))
    qr = Image(io.BytesIO(qr_png(sheet.permalink)), width=QR, height=QR, hAlign="RIGHT")
    return Table(
        [[sources, qr]],
        colWidths=[width - QR - 5 * mm, QR + 5 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (1, 0), (1, 0), 4 * mm),
            ]
        ),
    )


def render_sheet_pdf(sheet: Sheet, map_png: bytes, map_size: tuple[int, int], *, vintage: str) -> bytes:
    """The sheet on one A4 page, as PDF bytes."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=11 * mm,
        bottomMargin=11 * mm,
        title=f"{sheet.heading} — {sheet.name}",
        author=Labels.TITLE,
    )
    width = A4[0] - 2 * MARGIN
    text = _text_column(sheet, Labels.VINTAGE_OPTION.format(vintage=vintage))
    body = Table(
        [[text, _side_column(map_png, map_size)]],
        colWidths=[width - SIDE - 5 * mm, SIDE + 5 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 5 * mm),
                ("LEFTPADDING", (1, 0), (1, -1), 5 * mm),
            ]
        ),
    )
    s = _styles(sheet.accent, sheet.muted)
    story = [
        _p(Labels.TITLE, s["tool"]),
        _p(Labels.SUBTITLE, s["subtitle"]),
        _p(sheet.heading.upper(), s["kind"]),
        _p(sheet.name, s["name"]),
        body,
        Spacer(1, 3 * mm),
        _footer(sheet, width),
    ]
    # Shrinks everything a little when a list is long: the sheet stays on one page.
    doc.build([KeepInFrame(width, A4[1] - 22 * mm, story, mode="shrink")])
    return out.getvalue()
