"""The domain module: adding a zone or an edition is a data change, and no code keeps a copy.

The first tests build a bundle from a copy of the data with one more zone and one more
edition, and render what a user sees of them (page, commune card, legend, map config).
The last ones read the code: no literal zone code, edition year, category letter or
colour is left outside the domain module and the data files.
"""

from __future__ import annotations

import ast
import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from dash import html

from erbm_map.core.domain import (
    ALL_THEMES,
    CONTRACT_TYPES,
    ESTABLISHMENT_LAYERS,
    ZONE_ROLES,
    MapLayer,
)
from erbm_map.core.labels import CATEGORY_NAMES
from erbm_map.core.paths import ROOT
from erbm_map.core.state import ViewState
from erbm_map.core.text import fold
from erbm_map.core.zoning_changes import zoning_changes
from erbm_map.dashboard.layout.cards import create_commune_card
from erbm_map.dashboard.layout.legend import legend_items
from erbm_map.dashboard.layout.page import create_page
from erbm_map.data import Bundle, DataError, load_bundle
from erbm_map.data.loader import load_domain
from erbm_map.imports.normalise import CATEGORY_KEYWORDS, normalise_zone
from erbm_map.map.leafletmap import map_config
from erbm_map.reports import commune_report
from erbm_map.web.server import map_urls
from tests.support.assets import copy_data

NEW_ZONE = "ZTE"
NEW_EDITION = "2031"
#: A commune of the perimeter that the extended 2025 vintage moves into the new zone.
MOVED = "62498"


def _append_row(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields, lineterminator="\n").writerow(row)


def _edit_rows(path: Path, edit: Callable[[list[dict[str, str]]], None]) -> None:
    """Read a CSV's rows, let ``edit`` change them in place, write them back."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _rewrite(path: Path, insee: str, zone: str) -> None:
    def move(rows: list[dict[str, str]]) -> None:
        for row in rows:
            if row["insee"] == insee:
                row["zone"] = zone

    _edit_rows(path, move)


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The committed data plus a zone and an edition, written only in data files."""
    base = copy_data(tmp_path_factory.mktemp("extended"))
    sources = base / "sources"
    _append_row(
        sources / "zones.csv",
        {
            "code": NEW_ZONE,
            "label": f"{NEW_ZONE} — zone d'essai",
            "short_label": NEW_ZONE,
            "description": "Zone ajoutée par le test : un médecin peut y percevoir les aides.",
            "color": "#123456",
            "pattern": "",
            "eligibility": "eligible",
            "role": "",
            "spellings": "zte;zone d essai",
            "source": "test",
        },
    )
    _rewrite(sources / "zonage" / "zonage_2025.csv", MOVED, NEW_ZONE)
    _append_row(
        sources / "editions.csv",
        {
            "edition": NEW_EDITION,
            "label": f"{NEW_EDITION} (édition d'essai)",
            "period": f"2025-{NEW_EDITION}",
            "color": "#654321",
            "citation": f"Brochure d'essai {NEW_EDITION}",
            "source": "test",
        },
    )
    _append_row(
        sources / "contracts.csv",
        {
            "contract_id": f"cls-essai-{NEW_EDITION}",
            "type": "CLS",
            "edition": NEW_EDITION,
            "label": "CLS d'essai",
            "epci_siren": "246200364",
            "epci_nom": "CA de Lens - Liévin",
            "source": "test",
            "note": "",
        },
    )
    return load_bundle(base)


def _text(component: object) -> str:
    """Every string of a component tree, with its data attributes."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    # Not ``children or ""``: a component without children of its own has a length of 0.
    children = getattr(component, "children", None)
    parts = [_text(children) if children is not None else ""]
    props = component.to_plotly_json().get("props", {}) if hasattr(component, "to_plotly_json") else {}
    parts += [str(v) for k, v in props.items() if k.startswith("data-")]
    for key in ("options",):
        parts += [str(o.get("label", "")) for o in props.get(key) or []]
    return " ".join(parts)


def test_the_new_zone_and_edition_are_read_from_the_data(extended: Bundle) -> None:
    domain = extended.domain
    assert NEW_ZONE in domain.vintage_codes and domain.eligibility(NEW_ZONE) == "eligible"
    assert domain.edition_keys[-1] == NEW_EDITION == domain.latest_edition
    assert extended.zoning.at[MOVED, "2025"] == NEW_ZONE
    assert bool(extended.communes.at[MOVED, f"cls_{NEW_EDITION}"])


def test_the_page_offers_the_new_edition_and_opens_on_it(extended: Bundle) -> None:
    state = ViewState.default(extended)
    assert state.edition == NEW_EDITION
    page = create_page(extended, state, map_urls(extended))
    text = _text(page)
    assert f"{NEW_EDITION} (édition d'essai)" in text
    assert f"Brochure d'essai {NEW_EDITION}" in text  # the footer cites it


def test_the_card_shows_the_new_zone_and_its_eligibility(extended: Bundle) -> None:
    card = _text(create_commune_card(commune_report(extended, MOVED, NEW_EDITION, "2025")))
    assert f"{NEW_ZONE} — zone d'essai" in card
    assert "CLS d'essai" in card
    # An eligible zone without aids in aides.csv says so; it never shows another zone's aids.
    assert "50 000" not in card


def test_the_legend_and_the_map_know_the_new_zone_and_edition(extended: Bundle) -> None:
    legend = _text(html.Ul(legend_items(extended)))
    assert f"{NEW_ZONE} — zone d'essai" in legend and NEW_EDITION in legend
    config = map_config(extended)
    assert config["zones"][NEW_ZONE]["color"] == "#123456"
    assert config["domain"]["editions"][-1] == NEW_EDITION


def test_imports_recognise_the_new_zone_and_compare_its_level(extended: Bundle) -> None:
    domain = extended.domain
    assert normalise_zone("Zone d'Essai", domain) == NEW_ZONE
    (change,) = zoning_changes({MOVED: "HZ"}, {MOVED: NEW_ZONE}, domain)
    assert change.kind == "gagne"


def test_a_second_default_zone_is_refused_with_its_file_named(tmp_path: Path) -> None:
    base = copy_data(tmp_path)
    path = base / "sources" / "zones.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",partielle,,", ",partielle,par-defaut,"), encoding="utf-8")
    with pytest.raises(DataError, match=r"zones\.csv.*par-defaut"):
        load_bundle(base)


def test_folding_is_the_one_rule_for_french_text() -> None:
    assert fold("Nœux-lès-Mines") == "noeux les mines"
    assert fold("Zone d’Intervention  Prioritaire") == "zone d intervention prioritaire"


# ---- no copy of the vocabulary in the code ----

DOMAIN = load_domain()
#: Files that may spell the vocabulary: the domain module itself.
ALLOWED = {ROOT / "src" / "erbm_map" / "core" / "domain.py"}
CODE = sorted(p for p in (ROOT / "src" / "erbm_map").rglob("*.py") if p not in ALLOWED)
SCRIPTS = sorted((ROOT / "assets").glob("*.js"))
STYLES = sorted([*(ROOT / "assets").glob("*.css"), *(ROOT / "src" / "erbm_map").rglob("*.css")])


def _forbidden() -> list[re.Pattern[str]]:
    words = [*DOMAIN.zone_codes, *DOMAIN.edition_keys]
    letters = [c.letter for c in DOMAIN.categories]
    return [
        re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b"),
        re.compile(r"^(" + "|".join(letters) + r")( — .*)?$"),
        re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?(?:[0-9A-Fa-f]{2})?\b"),
    ]


def _python_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out (they explain, they decide nothing)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*", re.S)
_JS_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def _js_strings(path: Path) -> list[tuple[int, str]]:
    text = _JS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)[1:-1]) for m in _JS_STRING.finditer(text)]


def _vocabulary_words(path: Path) -> set[str]:
    """Whole strings that are vocabulary: zone roles, the « all themes » key, contract types,
    category keys and (in Python) the map's drawn layers."""
    if path.name == "labels.py":
        # French words for people: « dispositif » is the word for one and the key of its category.
        return set()
    words = {*ZONE_ROLES, ALL_THEMES, *CONTRACT_TYPES, *DOMAIN.category_keys}
    if path.suffix == ".py":
        words |= {layer.value for layer in MapLayer} - set(WORDS_THAT_ARE_ALSO_COLUMNS)
    return words


#: Drawn-layer names that are also the names of table columns and GeoJSON properties
#: (a commune's ``epci``, the export's ``contrats``): a string equal to one decides nothing alone.
WORDS_THAT_ARE_ALSO_COLUMNS = ("communes", "contrats", "epci", "perimetre", "etablissements", "selection")


@pytest.mark.parametrize("path", [*CODE, *SCRIPTS], ids=lambda p: str(p.relative_to(ROOT)))
def test_code_spells_no_role_theme_key_contract_type_category_or_layer(path: Path) -> None:
    strings = _python_strings(path) if path.suffix == ".py" else _js_strings(path)
    words = _vocabulary_words(path)
    found = [f"{path.name}:{n} {value!r}" for n, value in strings if value in words]
    assert not found


@pytest.mark.parametrize("path", [*CODE, *SCRIPTS], ids=lambda p: str(p.relative_to(ROOT)))
def test_code_spells_no_zone_edition_letter_or_colour(path: Path) -> None:
    strings = _python_strings(path) if path.suffix == ".py" else _js_strings(path)
    patterns = _forbidden()
    found = [f"{path.name}:{n} {value!r}" for n, value in strings if any(p.search(value) for p in patterns)]
    assert not found


def test_stylesheets_style_no_zone_edition_or_category() -> None:
    """The CSS keeps the interface's own colours (accent, focus, lines); what a zone, an edition or
    a category looks like comes from the data, so no rule selects one of them."""
    selector = re.compile(r"\[data-(zone|edition|vintage|categorie|category)=")
    words = _forbidden()[0]
    found = [
        f"{path.name}:{number} {line.strip()}"
        for path in STYLES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if selector.search(line) or words.search(line)
    ]
    assert not found


def test_the_checks_above_can_fail() -> None:
    """The patterns catch what they are for, so an empty finding means something."""
    samples = ["ZIP", "édition 2024", "H — Établissements", "#0a5a8c", "M"]
    assert all(any(p.search(s) for p in _forbidden()) for s in samples)
    assert not any(p.search("zonage en vigueur en {vintage}") for p in _forbidden())
    assert DOMAIN.category_keys == ESTABLISHMENT_LAYERS


def test_import_keywords_and_category_names_cover_exactly_the_categories() -> None:
    assert {key for key, _ in CATEGORY_KEYWORDS} == set(DOMAIN.category_keys)
    assert set(CATEGORY_NAMES) == set(DOMAIN.category_keys)


NEW_THEME = "theme-essai"


@pytest.fixture(scope="module")
def with_theme(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The committed data plus a theme, following « Add a theme » of docs/architecture.md once."""
    base = copy_data(tmp_path_factory.mktemp("theme"))
    sources = base / "sources"
    # 1. themes.csv: slug, label, order, source.
    _append_row(
        sources / "themes.csv", {"slug": NEW_THEME, "label": "Thème d'essai", "order": "99", "source": "test"}
    )
    # 2. Its figures (indicators.csv ``theme``): one figure moves to it.
    _edit_rows(base / "indicators.csv", lambda rows: rows[0].update(theme=NEW_THEME))
    # 3. presentation.csv: the layers its chapter shows (and its choice turns on).
    _append_row(sources / "presentation.csv", {"theme": NEW_THEME, "layers": "cls;epci", "source": "test"})
    return load_bundle(base)


def test_a_new_theme_needs_only_data_files(with_theme: Bundle) -> None:
    from erbm_map.dashboard.layout.controls import create_controls
    from erbm_map.dashboard.layout.kpis import figures_for
    from erbm_map.map.leafletmap import map_config, theme_layers

    assert NEW_THEME in with_theme.theme_slugs
    assert len(figures_for(with_theme, with_theme.indicators.iloc[0]["edition"], NEW_THEME)) == 1
    assert theme_layers(with_theme)[NEW_THEME] == ("cls", "epci")
    assert map_config(with_theme)["themeLayers"][NEW_THEME] == ["cls", "epci"]
    assert "Thème d'essai" in _text(create_controls(with_theme, ViewState.default(with_theme)))
