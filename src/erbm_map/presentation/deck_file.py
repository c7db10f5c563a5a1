"""The presentation as one self-contained HTML file, for a room with no network and no Python.

The file renders the served presentation's own chapter model and components
(:func:`~erbm_map.presentation.chapters.build_chapters`, :mod:`~erbm_map.presentation.deck_layout`)
into static HTML, and embeds what the browser needs: Leaflet (vendored), the map's rule and
drive (``MAP_SCRIPTS``, from ``assets/``), every stylesheet of ``assets/``, the map's GeoJSON and
a small driver (``static/deck.js``). The map is described by the served map component itself
(:func:`~erbm_map.presentation.deck_map.create_presentation_map`), read through its public
``to_plotly_json`` form: same panes, layers, style functions, config and first view. A
Content-Security-Policy with ``default-src 'none'`` makes the file unable to request anything.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from dash import html

from erbm_map.core.deck_ids import PresentationIds as Ids
from erbm_map.core.domain import MapLayer
from erbm_map.core.fmt import fmt_date
from erbm_map.core.paths import ROOT
from erbm_map.core.state import ViewState
from erbm_map.core.urlstate import to_query
from erbm_map.data import Bundle
from erbm_map.map.leafletmap import MapUrls
from erbm_map.presentation.athome import home_line
from erbm_map.presentation.chapters import Chapter, ChapterKind, build_chapters
from erbm_map.presentation.colophon import colophon_lines
from erbm_map.presentation.deck_labels import PresentationLabels as L
from erbm_map.presentation.deck_layout import (
    create_footer,
    create_sections,
    create_stage,
    deck_data,
    root_class,
)
from erbm_map.presentation.deck_map import create_presentation_map
from erbm_map.reports.commune import commune_report
from erbm_map.reports.epci import epci_report
from erbm_map.reports.model import CommuneReport, EpciReport
from erbm_map.web.clientids import ids_script
from erbm_map.web.server import served_geojson
from erbm_map.web.static_html import to_html

HERE = Path(__file__).parent
LEAFLET = HERE / "vendor" / "leaflet"
DRIVER = HERE / "static" / "deck.js"
ASSETS = ROOT / "assets"
#: The parts of the map's browser code the file runs, in load order, embedded as is (the same
#: files the served map runs): the rule and its styles, the drive (paint tracking, names by
#: zoom, tooltips) and the chapters' frames. Views applied through Dash (``21d-map-views.js``)
#: have no use without Dash.
MAP_SCRIPTS = ("21a-map-rule.js", "21b-map-style.js", "21c-map-drive.js", "21e-map-chapters.js")
#: Which served GeoJSON each layer of the map reads (the layer's ``url`` in the file is this name).
LAYER_ASSETS = MapUrls(
    communes="carte-communes",
    contracts="carte-contrats",
    epci="epci",
    perimeter="perimetre",
    neighbours=MapLayer.NEIGHBOURS,
    establishments="carte-etablissements",
    labels="carte-noms",
)
#: Leaflet's map options the served component sets and the file reproduces.
MAP_OPTIONS = ("bounds", "boundsOptions", "zoomSnap", "zoomDelta", "minZoom", "maxZoom", "preferCanvas")
#: The layer functions the rule provides, by the prop name dash-leaflet gives them.
LAYER_FUNCTIONS = ("style", "filter", "pointToLayer", "onEachFeature")
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True)
class DeckPlace:
    """The place a deck is made for, if any (a kit for one commune or intercommunality)."""

    commune: str = ""
    epci: str = ""


#: A deck for the whole bassin, made for no place in particular.
WHOLE_TERRITORY = DeckPlace()


def _function(value: object) -> str:
    """A dash-extensions reference ``{"variable": "erbmMap.styles.communes"}`` -> ``styles.communes``."""
    if isinstance(value, dict) and isinstance(value.get("variable"), str):
        return value["variable"].removeprefix("erbmMap.")
    return ""


def _layer_spec(props: dict, pane: str) -> dict[str, object]:
    # A clustered layer is handed its data by the rule, from the URL its config names
    # (``map/leafletmap.create_map``): the file draws all of it and lets ``filter`` choose.
    url = props.get("url") or props["hideout"]["config"]["establishmentsUrl"]
    spec: dict[str, object] = {"id": props["id"], "data": url, "pane": pane}
    spec["interactive"] = props.get("interactive", True)
    for name in LAYER_FUNCTIONS:
        if name in props:
            spec[name] = _function(props[name])
    return spec


def map_spec(component: object) -> dict[str, object]:
    """The served map component as data for ``deck.js``: options, panes, layers, hideout."""
    data = component.to_plotly_json()  # type: ignore[attr-defined]
    props = data["props"]
    spec: dict[str, object] = {
        "id": props["id"],
        "options": {key: props[key] for key in MAP_OPTIONS if key in props},
        "panes": [],
        "layers": [],
    }
    for child in props["children"]:
        child_data = child.to_plotly_json()
        kind, child_props = child_data["type"], child_data["props"]
        if kind == "Pane":
            name = child_props["name"]
            spec["panes"].append({"name": name, "zIndex": child_props.get("style", {}).get("zIndex")})
            spec["layers"].extend(
                _layer_spec(g.to_plotly_json()["props"], name) for g in child_props["children"]
            )
        elif kind == "GeoJSON":
            spec["layers"].append(_layer_spec(child_props, ""))
            spec["hideout"] = child_props["hideout"]
        elif kind == "ScaleControl":
            spec["scale"] = {"position": child_props.get("position"), "imperial": child_props.get("imperial")}
    return spec


def _json_script(element_id: str, payload: object) -> str:
    """JSON in a ``<script type="application/json">``; ``</`` is escaped so no text can close it."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _geojson(bundle: Bundle) -> dict[str, object]:
    assets = served_geojson(bundle)
    names = {getattr(LAYER_ASSETS, field) for field in LAYER_ASSETS.__dataclass_fields__}
    return {name: json.loads(assets[name].raw) for name in sorted(names)}


def _styles() -> str:
    sheets = [(LEAFLET / "leaflet.css").read_text(encoding="utf-8")]
    sheets += [path.read_text(encoding="utf-8") for path in sorted(ASSETS.glob("*.css"))]
    return "\n".join(sheets)


def _scripts() -> str:
    parts = [(LEAFLET / "leaflet.js").read_text(encoding="utf-8"), ids_script()]
    parts += [(ASSETS / name).read_text(encoding="utf-8") for name in MAP_SCRIPTS]
    parts.append(DRIVER.read_text(encoding="utf-8"))
    # A script element ends at the first "</script": none of ours may contain it.
    safe = (part.replace("</script", "<\\/script") for part in parts)
    return "\n".join(f"<script>{part}</script>" for part in safe)


def _colophon_section(lines: list[str], index: int) -> html.Section:
    return html.Section(
        html.Div([html.P(line, className="pcolophon-line") for line in lines], className="chapter-main"),
        className="chapter chapter-colophon",
        hidden=True,
        **{
            "data-slug": "donnees",
            "data-title": L.DECK_COLOPHON_TITLE,
            "data-class": "presentation kind-bilan",
            "data-index": str(index),
        },
    )


def place_report(bundle: Bundle, place: DeckPlace, edition: str = "") -> CommuneReport | EpciReport | None:
    """The report of the place a kit is made for, in the deck's view; ``None`` for the whole bassin."""
    view = ViewState.default(bundle)
    edition = edition or view.edition
    if place.commune:
        return commune_report(bundle, place.commune, edition, view.vintage)
    if place.epci:
        return epci_report(bundle, place.epci, edition, view.vintage)
    return None


def place_and_link(bundle: Bundle, commune: str, epci: str, edition: str, base: str) -> tuple[DeckPlace, str]:
    """Check the place and edition asked for (French ``ValueError``) and build the live link."""
    if commune and commune not in bundle.communes.index:
        raise ValueError(L.DECK_BAD_COMMUNE.format(value=commune))
    if epci and epci not in bundle.epci.index:
        raise ValueError(L.DECK_BAD_EPCI.format(value=epci))
    if edition and edition not in bundle.domain.edition_keys:
        raise ValueError(
            L.DECK_BAD_EDITION.format(value=edition, allowed=", ".join(bundle.domain.edition_keys))
        )
    state = ViewState.default(bundle).with_(commune=commune, epci=epci)
    if edition:
        state = state.with_(edition=edition)
    return DeckPlace(commune=commune, epci=epci), base.rstrip("/") + "/" + to_query(state)


def build_deck_chapters(bundle: Bundle, place: DeckPlace, edition: str = "") -> list[Chapter]:
    """The served presentation's chapters; a kit adds its focus chapter and « Chez vous » lines."""
    chapters = build_chapters(bundle, place.commune or None)
    report = place_report(bundle, place, edition)
    if report is None:
        return chapters
    themed = bundle.theme_categories
    return [
        chapter
        if chapter.kind is ChapterKind.COMMUNE
        else replace(chapter, home=home_line(report, chapter, themed))
        for chapter in chapters
    ]


def render_deck_html(
    bundle: Bundle, *, link: str, place: DeckPlace = WHOLE_TERRITORY, today: dt.date, edition: str = ""
) -> str:
    """The whole deck as one HTML document (UTF-8 text)."""
    chapters = build_deck_chapters(bundle, place, edition)
    deck = deck_data(chapters, bundle)
    for entry in deck["chapters"]:  # type: ignore[union-attr]
        # The place of a kit stays outlined on every chapter's map (the map's selection layers).
        entry["commune"] = entry["commune"] or place.commune
        entry["epci"] = place.epci
    colophon = colophon_lines(bundle, link=link, today=today)
    deck["chapters"].append(  # type: ignore[union-attr]
        {
            "title": L.DECK_COLOPHON_TITLE,
            "slug": "donnees",
            "className": "presentation kind-bilan",
            "map": False,
        }
    )
    first = chapters[0]
    sections = [*create_sections(bundle, chapters), _colophon_section(colophon, len(chapters))]
    component = create_presentation_map(bundle, first.layers, first.commune, LAYER_ASSETS)
    spec = map_spec(component)
    if edition:
        spec["hideout"] = {**spec["hideout"], "view": {**spec["hideout"]["view"], "edition": edition}}
    payload = {"deck": deck, "map": spec, "data": _geojson(bundle)}
    # The map's container only: the file's driver builds the Leaflet map from ``map_spec``.
    container = html.Div(id=component.id, className="leaflet-map")
    footer = create_footer(len(sections), exit_href=link, exit_label=L.DECK_LIVE, downloads=False)
    body = html.Div(
        create_stage(bundle, chapters, container, footer, sections),
        id=Ids.ROOT,
        className=root_class(first),
        lang="fr",
    )
    title = f"{L.TITLE} — {fmt_date(today)}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_styles()}</style></head>"
        f"<body>{to_html(body)}{_json_script('erbm-deck', payload)}{_scripts()}</body></html>\n"
    )
