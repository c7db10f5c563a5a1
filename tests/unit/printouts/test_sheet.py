"""The printed outputs through Flask's test client, and the sheet's content model."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from erbm_map.app import create_app
from erbm_map.core.state import ViewState
from erbm_map.data import load_bundle
from erbm_map.printouts.sheet import build_sheet


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/export/carte.png?edition=1850", "édition « 1850 »"),
        ("/export/carte.pdf?commune=99999", "commune « 99999 »"),
        ("/export/carte.png?layers=zonage,%3Cscript%3E", "couche « &lt;script&gt; »"),
        ("/export/carte.png?vintage=1999", "zonage « 1999 »"),
        ("/export/carte.png?" + "x" * 3000, "lien trop long"),
        ("/fiche?epci=123", "intercommunalité « 123 »"),
        ("/fiche", "choisissez-en une"),
        ("/fiche.pdf?edition=2024", "choisissez-en une"),
    ],
)
def test_bad_parameters_get_a_french_400_and_no_traceback(client, path, words):
    response = client.get(path)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert words in body
    assert "<html lang='fr'>" in body
    assert "Traceback" not in body and "<script>" not in body


def test_unknown_format_is_a_404(client):
    assert client.get("/export/carte.gif").status_code == 404


def test_map_png_then_the_same_view_comes_from_the_cache(client):
    first = client.get("/export/carte.png?commune=62427&theme=hopitaux")
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert first.data.startswith(b"\x89PNG")
    assert first.headers["Server-Timing"].startswith("render;dur=")
    assert 'filename="carte-62427-2024-zonage-2025.png"' in first.headers["Content-Disposition"]
    again = client.get("/export/carte.png?theme=prevention&commune=62427")
    assert again.headers["Server-Timing"] == 'cache;desc="hit"'
    assert again.data == first.data


def test_map_pdf(client):
    response = client.get("/export/carte.pdf?edition=2019&layers=zonage,cls,clsm")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and pdf_pages(response.data) == 1


@pytest.mark.parametrize(
    ("query", "name"), [("?commune=62427", "Hénin-Beaumont"), ("?epci=246200364", "Lens")]
)
def test_sheet_page_is_self_contained(client, query, name):
    response = client.get("/fiche" + query)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert name in page
    assert 'src="data:image/png;base64,' in page
    assert "<svg" in page, "the QR code is inline SVG"
    assert 'href="/fiche.pdf' + query in page
    assert f"http://localhost/{query}&amp;edition=2024&amp;vintage=2025" in page
    # Nothing the CSP forbids: no external URL in src/href and no inline script.
    assert not re.search(r'(src|href)="https?://(?!localhost)', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    script = client.get("/fiche/fiche.js")
    assert script.status_code == 200 and "window.print" in script.get_data(as_text=True)


@pytest.mark.parametrize("query", ["?commune=62427", "?epci=246200364", "?commune=59606&edition=2019"])
def test_sheet_pdf_is_one_page(client, query):
    response = client.get("/fiche.pdf" + query)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"%PDF") and pdf_pages(response.data) == 1


def test_commune_sheet_content(bundle):
    state = ViewState(vintage="2025", commune="62427")
    sheet = build_sheet(bundle, state, "http://h/?commune=62427", today=dt.date(2026, 1, 2))
    assert sheet.name == "Hénin-Beaumont" and sheet.kind == "commune"
    assert sheet.zone.code == "ZIP" and sheet.zone.vintage == "2025"
    assert sheet.issued.endswith("2 janvier 2026")
    blocks = {b.key: b for b in sheet.blocks}
    assert set(blocks) == {"aids", "contracts", "establishments", "nearest"}
    assert blocks["aids"].lines
    assert any(s.startswith("Source : ARS HdF, brochure 2019") for s in blocks["aids"].sources)
    assert any("1er janvier 2020" in s for s in blocks["aids"].sources)
    contracts = " ".join(line.text for line in blocks["contracts"].lines)
    assert "CLS" in contracts and "CPTS" in contracts
    assert "Centre Hospitalier d'Hénin-Beaumont" in blocks["nearest"].lines[0].text
    assert any("état 2025" in s for s in sheet.sources)


def test_epci_sheet_content(bundle):
    sheet = build_sheet(bundle, ViewState(vintage="2025", epci="246200364"), "x")
    blocks = {b.key: b for b in sheet.blocks}
    assert sheet.zone is None and "zones" in blocks and "nearest" not in blocks
    assert any("2019" in line.note for line in blocks["contracts"].lines)
    assert any("2024" in line.note for line in blocks["contracts"].lines)


def test_a_commune_out_of_the_aid_zones_says_so(bundle):
    outside = bundle.zoning.index[bundle.zoning["2025"] == "HZ"][0]
    sheet = build_sheet(bundle, ViewState(vintage="2025", commune=outside), "x")
    aids = next(b for b in sheet.blocks if b.key == "aids")
    assert not aids.lines and aids.empty


def test_sheet_needs_a_place(bundle):
    with pytest.raises(ValueError):
        build_sheet(bundle, ViewState(), "x")


def test_the_sheet_honours_the_edition(bundle):
    """Liévin in 2019: none of the three places the 2024 bilan cites, and CH Lens as nearest."""
    sheet = build_sheet(bundle, ViewState(vintage="2025", edition="2019", commune="62510"), "x")
    blocks = {b.key: b for b in sheet.blocks}
    places = " ".join(line.text for line in blocks["establishments"].lines)
    for name in ("Denise Delaby", "Terril Vert", "Riaumont"):
        assert name not in places
    assert "Lens" in blocks["nearest"].lines[0].text and "Riaumont" not in blocks["nearest"].lines[0].text
    later = build_sheet(bundle, ViewState(vintage="2025", edition="2024", commune="62510"), "x")
    assert "Riaumont" in " ".join(line.text for b in later.blocks for line in b.lines)


def test_an_amount_shows_only_in_its_edition_with_its_purpose(bundle):
    def places(edition: str) -> str:
        sheet = build_sheet(bundle, ViewState(vintage="2025", edition=edition, commune="62498"), "x")
        return " ".join(line.text for b in sheet.blocks if b.key == "establishments" for line in b.lines)

    assert "192\u202fM€ pour la reconstruction du CH de Lens" in places("2019")
    assert places("2019").endswith("(brochure 2019)")
    assert "M€" not in places("2024")
