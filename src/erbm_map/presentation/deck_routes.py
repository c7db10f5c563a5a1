"""``/presentation.html`` and ``/presentation.pdf``: the deck as a file, from the served app.

The same query as the command line (``commune``, ``epci``, ``edition``), validated the same
way (:func:`~erbm_map.presentation.deck_file.place_and_link`): anything else is a French 400,
never a deck of another place than the one asked for. Files of the day are kept in memory:
the PDF draws one map per chapter (seconds), and a room asks for the same deck many times.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from flask import Flask, Response, request

from erbm_map.data import Bundle
from erbm_map.presentation.deck_file import DeckPlace, place_and_link, render_deck_html
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_layout import DECK_HTML_URL, DECK_PDF_URL
from erbm_map.presentation.deck_pdf import render_deck_pdf
from erbm_map.web.hardening import error_page
from erbm_map.web.publicurl import allowed_hosts, link_base, public_url

QUERY_KEYS = ("commune", "epci", "edition")
#: Decks kept per worker: a handful of places a day.
CACHED = 16


def register_deck_routes(server: Flask, bundle: Bundle) -> None:
    """Add the two routes to the app's server."""
    public = public_url()
    allowed = allowed_hosts(public)

    @lru_cache(maxsize=CACHED)
    def deck(kind: str, place: DeckPlace, edition: str, link: str, today: dt.date) -> bytes:
        if kind == "pdf":
            return render_deck_pdf(bundle, link=link, place=place, today=today, edition=edition)
        return render_deck_html(bundle, link=link, place=place, today=today, edition=edition).encode("utf-8")

    def answer(kind: str, mimetype: str) -> Response:
        unknown = sorted(set(request.args) - set(QUERY_KEYS))
        if unknown:
            message = L.DECK_BAD_QUERY.format(keys=", ".join(unknown), allowed=", ".join(QUERY_KEYS))
            return Response(error_page(message), status=400, mimetype="text/html")
        values = {key: request.args.get(key, "").strip() for key in QUERY_KEYS}
        # The deck's link back names a host only when it is allowed (``erbm_map.web.publicurl``).
        base = link_base(request.host_url, request.host, public, allowed)
        try:
            place, link = place_and_link(bundle, values["commune"], values["epci"], values["edition"], base)
        except ValueError as error:
            return Response(error_page(str(error)), status=400, mimetype="text/html")
        data = deck(kind, place, values["edition"], link, dt.date.today())
        response = Response(data, mimetype=mimetype)
        name = L.DECK_FILE_NAME.format(place=place.commune or place.epci or "bassin-minier", ext=kind)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.cache_control.private = True
        response.cache_control.max_age = 300
        return response

    @server.get(DECK_HTML_URL)
    def deck_html() -> Response:
        return answer("html", "text/html")

    @server.get(DECK_PDF_URL)
    def deck_pdf() -> Response:
        return answer("pdf", "application/pdf")
