"""Small maps: contracts as small multiples, the changes map, their route, the EPCI × contract table."""

from __future__ import annotations

import dataclasses
import io
from collections import Counter

import pytest
from dash import html
from flask import Flask
from matplotlib.image import imread

from erbm_map.core.contracts import CONTRACT_KINDS
from erbm_map.dashboard.layout.changes_panel import create_changes_map
from erbm_map.dashboard.layout.coverage_maps import epci_contracts, small_map_title
from erbm_map.dashboard.layout.coverage_panel import create_coverage_body, summary_of
from erbm_map.dashboard.smallmap_routes import register_small_maps, small_map_url
from erbm_map.data import Bundle
from erbm_map.map.smallmaps import (
    DPI,
    WIDTH,
    changes_between,
    changes_map_name,
    contract_map_name,
    data_version,
    draw_changes_map,
    draw_contract_map,
)
from erbm_map.map.static_map import MapGeometry

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def geometry(bundle: Bundle) -> MapGeometry:
    return MapGeometry.from_bundle(bundle)


@pytest.fixture(scope="module")
def two_vintages(bundle: Bundle) -> Bundle:
    """The bundle with a second vintage: five communes of the second zone move to the first (same
    level: a change of zone), three of the first zone leave the zoning (they lose eligibility)."""
    old = bundle.latest_vintage
    zoning = bundle.zoning.copy()
    new = zoning[old].copy()
    zac = new[new == bundle.domain.zone_codes[1]].index[:5]
    zip_ = new[new == bundle.domain.zone_codes[0]].index[:3]
    new[zac] = bundle.domain.zone_codes[0]
    new[zip_] = bundle.domain.default_zone
    zoning[old + "-bis"] = new
    return dataclasses.replace(bundle, zoning=zoning)


def _pixels(png: bytes) -> tuple[int, int]:
    image = imread(io.BytesIO(png), format="png")
    return image.shape[1], image.shape[0]


@pytest.mark.parametrize("kind", CONTRACT_KINDS)
def test_each_contract_map_is_a_png_that_covers_the_communes_coverage_counts(bundle, geometry, kind):
    summary = summary_of(bundle).set_index(["kind", "edition"])
    for edition in bundle.domain.edition_keys:
        drawn = draw_contract_map(bundle, geometry, kind, edition)
        assert drawn.png.startswith(PNG)
        assert _pixels(drawn.png) == (drawn.width, drawn.height)
        assert drawn.width == round(WIDTH * DPI) and 100 < drawn.height < drawn.width
        assert drawn.counts["covered"] == summary.at[(kind.upper(), edition), "communes"] > 0


def test_the_maps_differ_where_the_coverage_does(bundle, geometry):
    first, latest = bundle.domain.edition_keys[0], bundle.domain.edition_keys[-1]
    assert (
        draw_contract_map(bundle, geometry, "cls", first).png
        != draw_contract_map(bundle, geometry, "cls", latest).png
    )


def test_the_titles_are_coverages_figures(bundle):
    rows = summary_of(bundle).to_dict("records")
    titles = [small_map_title(row) for row in rows]
    latest = bundle.domain.latest_edition
    assert f"CLS {latest} · 1\u202f216\u202f227 hab. (91\u202f%)" in titles
    assert len(titles) == len(CONTRACT_KINDS) * len(bundle.domain.edition_keys)


def test_the_changes_map_counts_each_kind_as_the_changes_list(two_vintages, geometry):
    old, new = two_vintages.vintages
    drawn = draw_changes_map(two_vintages, geometry, old, new)
    assert drawn.png.startswith(PNG)
    expected = Counter(change.kind for change in changes_between(two_vintages, old, new))
    assert drawn.counts == {
        "gagne": expected["gagne"],
        "perd": expected["perd"],
        "change": expected["change"],
    }
    assert drawn.counts["perd"] == 3 and drawn.counts["change"] == 5
    legend = create_changes_map(two_vintages, old, new)
    items = {
        li.to_plotly_json()["props"]["data-kind"]: li.to_plotly_json()["props"].get("data-count")
        for li in legend.children[2].children
    }
    assert items["perd"] == "3" and items["change"] == "5" and "gagne" not in items, (
        "no swatch for no commune"
    )
    assert "3 communes perdent l'éligibilité" in str(legend.children[2].children)
    assert legend.children[1].src == small_map_url(two_vintages, changes_map_name(old, new))


def test_the_version_follows_what_is_drawn(bundle, two_vintages):
    assert data_version(bundle) == data_version(dataclasses.replace(bundle))
    assert data_version(bundle) != data_version(two_vintages)


def test_the_route_serves_each_map_once_under_its_version(bundle):
    server = Flask(__name__)
    maps = register_small_maps(server, bundle)
    client = server.test_client()
    name = contract_map_name("cls", bundle.domain.latest_edition)
    url = small_map_url(bundle, name)
    assert url.endswith(f"?v={maps.version}")
    first = client.get(url)
    assert first.status_code == 200 and first.mimetype == "image/png" and first.data.startswith(PNG)
    assert "immutable" in first.headers["Cache-Control"]
    assert maps.get(name) is maps.get(name), "drawn once, then kept"
    assert client.get(url.replace(maps.version, "stale")).headers["Cache-Control"] == "no-store"
    assert client.get(f"/cartes/{contract_map_name('cls', '1850')}.png").status_code == 404
    assert client.get("/cartes/inconnue.png").status_code == 404
    assert maps.names() == {
        contract_map_name(kind, edition) for kind in CONTRACT_KINDS for edition in bundle.domain.edition_keys
    }


def test_the_epci_table_says_covered_or_not_for_each_contract_and_edition(bundle):
    vintage = bundle.latest_vintage
    frame = epci_contracts(bundle, vintage)
    assert len(frame) == bundle.communes.loc[bundle.communes["bassin_minier"], "epci_siren"].nunique()
    flags = [c for c in frame.columns if c != "communes"]
    assert len(flags) == len(CONTRACT_KINDS) * len(bundle.domain.edition_keys)
    summary = summary_of(bundle)
    for _, row in summary.iterrows():
        column = f"{row['kind'].lower()}_{row['edition']}"
        assert frame[column].sum() == row["communes"]
    body = {c.to_plotly_json()["props"]["data-chart"]: c for c in create_coverage_body(bundle, vintage)}
    table = body["epci-contracts"].children
    rows = table.children[2].children
    assert len(rows) == len(frame)
    # Sorted like the zone chart: the first EPCI has the largest share of the first zone.
    first = rows[0].children[0].children
    assert first.startswith(frame.index[0])
    cells = [td for tr in rows for td in tr.children[1:]]
    assert {td.to_plotly_json()["props"]["data-covered"] for td in cells} <= {"oui", "non", "partiel"}
    assert len(cells) == len(frame) * len(flags)
    maps = body["contract-maps"].children[2].children
    assert [m.to_plotly_json()["props"]["data-communes"] for m in maps] == [
        str(n) for n in summary["communes"]
    ]
    assert all(isinstance(m.children[1], html.Img) for m in maps)
