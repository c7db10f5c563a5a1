"""The sheet as an HTML page with print CSS: one A4 page from the browser's « Imprimer ».

A Jinja template (autoescaped: every text of the sheet comes from data files) with the
stylesheet inlined and the map as a ``data:`` image, so the page is whole in one response
and needs nothing the Content-Security-Policy forbids.
"""

from __future__ import annotations

import base64
import io
from functools import cache
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from erbm_map.core.labels import Labels
from erbm_map.printouts.print_model import Sheet
from erbm_map.web.urls import SHEET

HERE = Path(__file__).parent
STATIC = HERE / "static"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True
    )


@cache
def stylesheet() -> str:
    """The sheet's CSS (screen and print)."""
    return (STATIC / "fiche.css").read_text(encoding="utf-8")


def qr_svg(link: str) -> str:
    """The permalink as an inline SVG QR code (segno: made here, offline)."""
    return segno.make(link, error="m").svg_inline(scale=3, border=2, omitsize=True)


def qr_png(link: str) -> bytes:
    """The same QR code as PNG, for the PDF."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def render_sheet_html(
    sheet: Sheet,
    map_png: bytes,
    map_size: tuple[int, int],
    *,
    query: str,
    script_url: str,
    vintage: str,
) -> str:
    """The page of the sheet; ``query`` (the view's query string) links its PDF and map exports."""
    template = _environment().get_template("fiche.html")
    return template.render(
        sheet=sheet,
        labels=Labels,
        tool=Labels.TITLE,
        subtitle=Labels.SUBTITLE,
        css=Markup(stylesheet()),
        map_png=base64.b64encode(map_png).decode("ascii"),
        map_width=map_size[0],
        map_height=map_size[1],
        qr_svg=Markup(qr_svg(sheet.permalink)),
        pdf_url=SHEET + ".pdf" + query,
        map_url="/export/carte",
        query=query,
        script_url=script_url,
        vintage_label=Labels.VINTAGE_OPTION.format(vintage=vintage),
    )
