"""Round trip: every successful import leaves data that the app loads and serves."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erbm_map.app import create_app
from erbm_map.cli import main
from erbm_map.core import paths
from erbm_map.core.text import fold
from erbm_map.core.textsafe import FORMULA_PREFIXES, neutralise_formula
from erbm_map.data import Bundle, load_bundle
from erbm_map.data.dataversion import read_stamp
from erbm_map.imports.normalise import normalise_category
from tests.unit.imports.imports_testkit import FIXTURES, Runner


@pytest.fixture
def full_data(data: Path) -> Path:
    """The import fixture's copy of the data directory (the whole of it, as the app reads it)."""
    return data


@pytest.mark.parametrize(
    ("kind", "fixture"),
    [
        ("etablissements", "finess_extrait_2026.csv"),
        ("cpts", "cpts_2026.csv"),
        ("zonage", "zonage_ars_2026.csv"),
    ],
)
def test_import_then_load_and_serve(
    run_import: Runner, full_data: Path, tmp_path: Path, kind: str, fixture: str
):
    before = load_bundle(full_data)
    confirm = ("--confirm",) if kind == "zonage" else ()
    result = run_import(kind, shutil.copy(FIXTURES / fixture, tmp_path), *confirm)
    assert result.code == 0, result.err
    bundle = load_bundle(full_data)
    if kind == "etablissements":
        assert len(bundle.establishments) > len(before.establishments)
    elif kind == "cpts":
        assert len(bundle.cpts) > len(before.cpts)
    else:
        assert len(bundle.vintages) == len(before.vintages) + 1
    response = create_app(full_data).server.test_client().get("/")
    assert response.status_code == 200


# --- property-based round trips: any valid file, imported, loads and serves --------------

PERIMETER = sorted(
    row["insee"]
    for row in csv.DictReader(
        io.StringIO((paths.DEFAULT_DATA_DIR / "sources" / "perimetre_bassin_minier.csv").read_text("utf-8"))
    )
)
ZONE_LABELS = {
    "ZIP": ["ZIP", "1_ZIP", "Zone d'intervention prioritaire"],
    "ZAC": ["ZAC", "zac "],
    "ZAR": ["ZAR", "Zone d'accompagnement régional"],
    "QPV": ["QPV"],
    "HZ": ["Hors zonage"],
}
#: Names as planners type them, formula-like ones included (they must come back quoted).
NAMES = st.text(
    alphabet=st.sampled_from("abcdeéèçàôABCDE -'=+@;,\"()0123456789"), min_size=1, max_size=24
).filter(lambda name: name.strip() and name.strip()[0] not in ";,")
CATEGORIES = [
    "Centre Hospitalier (C.H.)",
    "EHPAD",
    "Centre Médico-Psychologique (C.M.P.)",
    "sanitaire",
    "Dispositif d'appui à la coordination",
    "médico-social",
]
#: Few examples (each imports, loads and serves), always the same ones: no flaky test.
EXAMPLES = settings(
    max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _roundtrip(kind: str, content: bytes, *args: str) -> Bundle:
    """Import ``content`` into a fresh copy of the data, then load the bundle and serve the page."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "data"
        shutil.copytree(paths.DEFAULT_DATA_DIR, base, ignore=shutil.ignore_patterns("archive", ".*"))
        file = Path(tmp) / f"{kind}_2026.csv"
        file.write_bytes(content)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["import", kind, str(file), "--data-dir", str(base), *args])
        assert code == 0, out.getvalue()
        assert read_stamp(base), "every import writes the data version stamp"
        bundle = load_bundle(base)
        response = create_app(base).server.test_client().get("/")
        assert response.status_code == 200
        return bundle


@EXAMPLES
@given(
    zones=st.dictionaries(st.sampled_from(PERIMETER), st.sampled_from(sorted(ZONE_LABELS)), min_size=1),
    labels=st.randoms(use_true_random=False),
    delimiter=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]),
    headers=st.tuples(
        st.sampled_from(["Code commune", "CODGEO", "INSEE_COM"]),
        st.sampled_from(["Zonage", "Zonage médecins généralistes 2026", "Type de zone"]),
    ),
)
def test_any_valid_zoning_file_round_trips(zones, labels, delimiter, encoding, headers):
    rows = [[insee, labels.choice(ZONE_LABELS[zone])] for insee, zone in zones.items()]
    bundle = _roundtrip("zonage", _csv_bytes(list(headers), rows, delimiter, encoding), "--confirm")
    loaded = bundle.zoning["2026"]
    assert {insee: loaded[insee] for insee in zones} == zones
    assert set(loaded[loaded.index.isin(PERIMETER) & ~loaded.index.isin(zones)]) <= {"HZ"}


@EXAMPLES
@given(members=st.dictionaries(st.sampled_from(PERIMETER), NAMES, min_size=1, max_size=20))
def test_any_valid_cpts_file_round_trips(members):
    rows = [[name, insee] for insee, name in members.items()]
    bundle = _roundtrip("cpts", _csv_bytes(["Nom de la CPTS", "Code INSEE"], rows, ";", "utf-8"))
    loaded = dict(zip(bundle.cpts["insee"], bundle.cpts["cpts_nom"], strict=True))
    assert loaded == {insee: neutralise_formula(" ".join(name.split())) for insee, name in members.items()}
    assert not any(name.startswith(FORMULA_PREFIXES) for name in loaded.values())


@EXAMPLES
@given(
    records=st.lists(
        st.tuples(
            NAMES,
            st.sampled_from(CATEGORIES),
            st.sampled_from(PERIMETER),
            # Inside the communes' box, so inside the region the loader accepts (data/rules.py).
            st.one_of(st.none(), st.tuples(st.floats(2.3, 3.67), st.floats(50.23, 50.64))),
        ),
        min_size=1,
        max_size=12,
        # The importer's duplicate key: folded name, commune, category.
        unique_by=lambda r: (fold(r[0]), r[2], normalise_category(r[1])),
    )
)
def test_any_valid_establishments_file_round_trips(records):
    before = load_bundle()
    rows = [
        [name, category, insee, *(("", "") if point is None else (f"{point[0]:.5f}", f"{point[1]:.5f}"))]
        for name, category, insee, point in records
    ]
    content = _csv_bytes(
        ["Raison sociale", "Catégorie", "Code commune", "longitude", "latitude"], rows, ";", "utf-8"
    )
    bundle = _roundtrip("etablissements", content)
    assert len(bundle.establishments) == len(before.establishments) - _imported(before) + len(records)
    names = set(bundle.establishments["nom"])
    assert {neutralise_formula(" ".join(name.split())) for name, *_ in records} <= names


def _imported(bundle: Bundle) -> int:
    """Rows of the committed etablissements_import.csv in ``bundle`` (an import replaces them)."""
    return len(bundle.establishments[bundle.establishments["id"].str.startswith("finess-")])
