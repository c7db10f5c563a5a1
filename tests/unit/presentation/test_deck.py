"""The presentation as a file: static HTML of the served components, the map spec, the colophon."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from dash import dcc, html

from erbm_map.presentation.chapters import build_chapters
from erbm_map.presentation.deck_file import DeckPlace, map_spec, place_and_link, render_deck_html
from erbm_map.presentation.deck_pdf import text_blocks
from erbm_map.web.static_html import to_html

TODAY = dt.date(2026, 12, 7)


def test_static_html_escapes_text_and_writes_attributes():
    node = html.Section(
        [html.H2("a < b", className="x"), html.Br(), "« ok »"],
        hidden=True,
        style={"zIndex": 3},
        **{"data-k": "v"},
    )
    assert to_html(node) == (
        '<section hidden style="z-index: 3" data-k="v"><h2 class="x">a &lt; b</h2><br>« ok »</section>'
    )


def test_static_html_refuses_a_component_with_no_static_form():
    with pytest.raises(TypeError, match="dash_core_components"):
        to_html(html.Div(dcc.Store(id="s")))


def test_text_blocks_read_a_section_in_reading_order():
    node = html.Div([html.H3("Titre"), html.Div([html.P(["un ", html.B("deux")]), html.Li("trois")])])
    assert [text for _tag, _cls, text in text_blocks(node)] == ["Titre", "un deux", "trois"]


@pytest.fixture(scope="module")
def deck_html(bundle) -> str:
    return render_deck_html(bundle, link="http://exemple.fr/?commune=62510", today=TODAY)


def payload(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="erbm-deck">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_the_file_holds_every_chapter_of_the_served_presentation_and_a_colophon(bundle, deck_html):
    chapters = build_chapters(bundle)
    data = payload(deck_html)["deck"]
    assert [c["title"] for c in data["chapters"][:-1]] == [c.title for c in chapters]
    assert data["chapters"][-1]["title"] == "Les données de cette présentation"
    assert deck_html.count('class="chapter chapter-') == len(chapters) + 1
    assert "7 décembre 2026" in deck_html and "http://exemple.fr/?commune=62510" in deck_html


def test_the_file_can_request_nothing(deck_html):
    assert "default-src 'none'" in deck_html
    markup = re.sub(r"<script.*?</script>", "", deck_html, flags=re.S)
    assert not re.search(r"""(src|href)=["'](?!http://exemple\.fr)""", markup)
    assert "<script src" not in deck_html
    assert "<link" not in deck_html and "sourceMappingURL" not in deck_html


def test_the_map_spec_is_the_served_map_component(bundle, deck_html):
    spec = payload(deck_html)["map"]
    data = payload(deck_html)["data"]
    assert {layer["data"] for layer in spec["layers"]} <= set(data)
    communes = next(layer for layer in spec["layers"] if layer.get("style") == "styles.communes")
    assert communes["pane"] == "erbm-communes" and len(data[communes["data"]]["features"]) >= len(
        bundle.communes
    )
    assert spec["hideout"]["config"]["zones"] and spec["options"]["bounds"]


def test_map_spec_reads_function_references():
    import dash_leaflet as dl
    from dash_extensions.javascript import Namespace

    ns = Namespace("erbmMap")
    component = dl.Map(
        [
            dl.Pane(
                [dl.GeoJSON(id="g", url="u", hideout={"view": {}}, style=ns("styles.x"))],
                name="p",
                style={"zIndex": 4},
            )
        ],
        id="m",
        bounds=[[0, 0], [1, 1]],
    )
    spec = map_spec(component)
    assert spec["panes"] == [{"name": "p", "zIndex": 4}]
    assert spec["layers"] == [{"id": "g", "data": "u", "pane": "p", "interactive": True, "style": "styles.x"}]


def test_place_and_edition_are_checked_in_french(bundle):
    with pytest.raises(ValueError, match="Commune inconnue : 99999"):
        place_and_link(bundle, "99999", "", "", "http://h")
    with pytest.raises(ValueError, match="Édition inconnue : 1990"):
        place_and_link(bundle, "", "", "1990", "http://h")
    place, link = place_and_link(bundle, "62510", "", "", "http://h/")
    assert place == DeckPlace(commune="62510") and link.startswith("http://h/?") and "commune=62510" in link


def test_cli_refuses_an_unknown_format_in_french(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "erbm_map.cli",
            "export",
            "presentation",
            "--output",
            str(tmp_path / "x.pptx"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Format de sortie non pris en charge" in result.stdout and "Traceback" not in result.stderr


LENS_LIEVIN = "246200364"


def test_a_kit_for_an_epci_gives_every_chapter_its_report_wording(bundle):
    from erbm_map.core.domain import ESTABLISHMENT_LAYERS, Layer
    from erbm_map.presentation.deck_file import build_deck_chapters, place_report

    report = place_report(bundle, DeckPlace(epci=LENS_LIEVIN))
    chapters = build_deck_chapters(bundle, DeckPlace(epci=LENS_LIEVIN))
    assert [c.title for c in chapters] == [c.title for c in build_chapters(bundle)]
    for chapter in chapters:
        assert chapter.home.startswith(f"Chez vous, {report.name} : "), chapter.title
        layers = set(chapter.layers)
        if Layer.ZONAGE in layers:
            assert all(share.text in chapter.home for share in report.zones)
        if layers & {Layer.CLS, Layer.CLSM}:
            assert all(each.names in chapter.home for each in report.contracts)
        if not layers:
            assert "ne dit rien de propre" in chapter.home
        if layers and not layers & {Layer.ZONAGE, Layer.CLS, Layer.CLSM, Layer.CPTS, *ESTABLISHMENT_LAYERS}:
            assert report.population in chapter.home and report.share in chapter.home


def test_a_commune_kit_names_its_nearest_hospital_where_hospitals_are_shown(bundle):
    from erbm_map.core.domain import Layer
    from erbm_map.presentation.deck_file import build_deck_chapters, place_report

    report = place_report(bundle, DeckPlace(commune="62510"), "2019")
    chapters = build_deck_chapters(bundle, DeckPlace(commune="62510"), "2019")
    hospitals = [c for c in chapters if Layer.SANITAIRE in c.layers and c.home]
    assert hospitals and all(report.nearest_text in c.home for c in hospitals)
    assert "Lens" in report.nearest_text and "Riaumont" not in report.nearest_text


def test_the_kit_file_carries_the_lines_and_outlines_the_place(bundle):
    page = render_deck_html(bundle, link="http://h/", place=DeckPlace(epci=LENS_LIEVIN), today=TODAY)
    assert page.count('class="phome"') == len(build_chapters(bundle))
    assert all(entry["epci"] == LENS_LIEVIN for entry in payload(page)["deck"]["chapters"][:-1])


def test_the_served_deck_never_links_to_an_arbitrary_host(bundle):
    from flask import Flask

    from erbm_map.presentation.deck_routes import register_deck_routes

    server = Flask(__name__)
    register_deck_routes(server, bundle)
    client = server.test_client()
    page = client.get("/presentation.html", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page
    assert client.get("/presentation.html?commune=00000").status_code == 400
    assert client.get("/presentation.html?x=1").status_code == 400
