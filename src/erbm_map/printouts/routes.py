"""Flask routes of the printed outputs: the map image and the one-page sheet.

- ``/export/carte.png`` and ``/export/carte.pdf``: the map of a view, A4 landscape;
- ``/fiche``: the sheet of a commune or an EPCI as a page to print;
- ``/fiche.pdf``: the same sheet as a PDF download.

Each takes the dashboard's query string, validated by :func:`erbm_map.core.urlstate.parse_query`:
a value it would ignore is an error here (400, in French), since an image or a sheet that
silently shows another view than the one asked for would mislead whoever prints it.
Response headers carry ``Server-Timing`` (render time, or ``cache``) for measurements.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from functools import lru_cache

from flask import Flask, Response, request

from erbm_map.core.labels import Labels
from erbm_map.core.state import ViewState
from erbm_map.core.urlstate import parse_query, to_query
from erbm_map.data import Bundle
from erbm_map.printouts.print_model import Sheet
from erbm_map.printouts.renders import MAX_ENTRIES, Render, Renders, png_size
from erbm_map.printouts.sheet import build_sheet
from erbm_map.printouts.sheet_html import STATIC, render_sheet_html
from erbm_map.printouts.sheet_pdf import render_sheet_pdf
from erbm_map.web.hardening import error_page
from erbm_map.web.publicurl import allowed_hosts, link_base, public_url
from erbm_map.web.server import script_response
from erbm_map.web.urls import MAP_EXPORT, SHEET

log = logging.getLogger("erbm_map")
MIMETYPES = {"png": "image/png", "pdf": "application/pdf"}
SCRIPT_URL = "/fiche/fiche.js"


class BadRequest(ValueError):
    """A query the printed outputs cannot honour; the message is French and shown as is."""


def _error(message: str, status: int = 400) -> Response:
    return Response(error_page(message), status=status, mimetype="text/html")


def _timing(response: Response, render: Render) -> Response:
    if render.cached:
        response.headers["Server-Timing"] = 'cache;desc="hit"'
    else:
        response.headers["Server-Timing"] = f"render;dur={render.milliseconds:.0f}"
    return response


def _filename(bundle: Bundle, state: ViewState, stem: str, ext: str) -> str:
    place = state.commune or state.epci or bundle.perimeter_name
    vintage = state.vintage or bundle.latest_vintage
    return Labels.FILE_NAME.format(stem=stem, place=place, edition=state.edition, vintage=vintage) + f".{ext}"


class _Query:
    """The request's query read against the bundle: the view it names, and that view's link."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.communes, self.epcis = frozenset(bundle.communes.index), frozenset(bundle.epci.index)
        self.default = ViewState.default(bundle)
        self.public = public_url()
        self.allowed = allowed_hosts(self.public)

    def state(self, *, needs_place: bool) -> ViewState:
        """The view asked for; any value ``parse_query`` would ignore is a ``BadRequest``."""
        state, problems = parse_query(
            request.query_string.decode("utf-8", errors="replace"),
            communes=self.communes,
            epcis=self.epcis,
            themes=self.bundle.theme_slugs,
            vintages=self.bundle.vintages,
            editions=self.bundle.domain.edition_keys,
            default=self.default,
        )
        if problems:
            raise BadRequest(Labels.EXPORT_BAD_QUERY.format(details=", ".join(problems)))
        if needs_place and not (state.commune or state.epci):
            raise BadRequest(Labels.SHEET_NEEDS_PLACE)
        return state

    def permalink(self, state: ViewState) -> str:
        """Never the request's Host unless allowed (``erbm_map.web.publicurl``)."""
        return link_base(request.host_url, request.host, self.public, self.allowed) + "/" + to_query(state)


def register_printouts(server: Flask, bundle: Bundle) -> Renders:
    """Add the routes to the app's server; returns the render cache (benchmarks read it)."""
    renders = Renders(bundle)
    query = _Query(bundle)

    @server.errorhandler(BadRequest)
    def bad_request(error: BadRequest) -> Response:
        return _error(str(error))

    _register_map_export(server, bundle, renders, query)
    _register_sheet(server, bundle, renders, query)
    _register_sheet_script(server)
    return renders


def _register_map_export(server: Flask, bundle: Bundle, renders: Renders, query: _Query) -> None:
    """The map image of a view, PNG or PDF, drawn by the server (cached by ``Renders``)."""

    @server.get(f"{MAP_EXPORT}.<fmt>")
    def export_map(fmt: str) -> Response:
        if fmt not in MIMETYPES:
            return _error(Labels.EXPORT_BAD_FORMAT, 404)
        state = query.state(needs_place=False)
        render = renders.map(state, fmt)
        log.info("map %s %s: %.0f ms, cached=%s", fmt, to_query(state), render.milliseconds, render.cached)
        response = Response(render.data, mimetype=MIMETYPES[fmt])
        name = _filename(bundle, state, Labels.FILE_MAP, fmt)
        response.headers["Content-Disposition"] = f'inline; filename="{name}"'
        response.cache_control.private = True
        response.cache_control.max_age = 300
        return _timing(response, render)


def _register_sheet(server: Flask, bundle: Bundle, renders: Renders, query: _Query) -> None:
    """The sheet of a commune or an EPCI, as a page to print and as a PDF download."""

    def sheet_parts(state: ViewState, link: str, today: dt.date | None = None) -> tuple[Sheet, Render]:
        sheet = build_sheet(bundle, state, link, today=today)
        render = renders.map(state, "png", frame="fiche")
        return sheet, render

    @lru_cache(maxsize=MAX_ENTRIES)
    def sheet_pdf_bytes(state: ViewState, link: str, today: dt.date) -> bytes:
        """Reportlab lays a sheet out in 0.2–0.5 s: keep the PDFs of the day (the link names the host)."""
        sheet, render = sheet_parts(state, link, today)
        vintage = state.vintage or bundle.latest_vintage
        return render_sheet_pdf(sheet, render.data, png_size(render.data), vintage=vintage)

    @server.get(SHEET)
    def sheet_page() -> Response:
        state = query.state(needs_place=True)
        sheet, render = sheet_parts(state, query.permalink(state))
        page = render_sheet_html(
            sheet,
            render.data,
            png_size(render.data),
            query=to_query(state),
            script_url=SCRIPT_URL,
            vintage=state.vintage or bundle.latest_vintage,
        )
        return _timing(Response(page, mimetype="text/html"), render)

    @server.get(SHEET + ".pdf")
    def sheet_pdf() -> Response:
        state = query.state(needs_place=True)
        start = time.perf_counter()
        data = sheet_pdf_bytes(state, query.permalink(state), dt.date.today())
        response = Response(data, mimetype="application/pdf")
        name = _filename(bundle, state, Labels.FILE_SHEET, "pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Server-Timing"] = f"sheet;dur={(time.perf_counter() - start) * 1000:.0f}"
        return response


def _register_sheet_script(server: Flask) -> None:
    """The sheet page's small script, read once at start and kept an hour by browsers."""
    script = (STATIC / "fiche.js").read_bytes()

    @server.get(SCRIPT_URL)
    def sheet_script() -> Response:
        return script_response(script, 3600)
