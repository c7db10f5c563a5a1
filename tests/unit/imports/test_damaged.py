"""The corpus of damaged files: each is refused with a clear message, nothing is written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.imports.imports_testkit import FIXTURES, Runner, make_fixtures, snapshot

Build = Callable[[Path], Path]


def committed(name: str) -> Build:
    def build(tmp: Path) -> Path:
        return Path(shutil.copy(FIXTURES / name, tmp / name))

    return build


def generated(name: str, maker: Callable[[Path], Path]) -> Build:
    return lambda tmp: maker(tmp / name)


# (id, kind, file builder, extra arguments, exit status, fragments the output must contain)
CORPUS: list[tuple[str, str, Build, tuple[str, ...], int, tuple[str, ...]]] = [
    (
        "utf16",
        "zonage",
        generated("zonage_2026_utf16.csv", make_fixtures.utf16_csv),
        (),
        2,
        ("encodage illisible", "UTF-16"),
    ),
    (
        "random-bytes",
        "zonage",
        generated("zonage_2026_binaire.csv", make_fixtures.random_bytes),
        (),
        2,
        ("encodage illisible",),
    ),
    (
        "missing-column",
        "zonage",
        committed("zonage_2026_colonne_manquante.csv"),
        (),
        2,
        ("colonne manquante", "zonage", "ligne 1", "Population"),
    ),
    (
        "unknown-codes",
        "zonage",
        committed("zonage_2026_code_inconnu.csv"),
        (),
        2,
        (
            "ligne 3 : code INSEE inconnu « 5900A »",
            "ligne 4 : code INSEE inconnu « 00123 »",
            "ligne 6 : code INSEE inconnu « Source : DREES »",
            "rejetées : 3",
            "bloque tout l'import",
        ),
    ),
    (
        "only-outside-perimeter",
        "zonage",
        committed("zonage_2026_hors_perimetre.csv"),
        (),
        2,
        ("aucune commune du périmètre", "hors périmètre : 3", "sans contrôle de leur zone"),
    ),
    (
        "cpts-outside-perimeter",
        "cpts",
        committed("cpts_hors_perimetre.csv"),
        (),
        2,
        ("ligne 3 : code hors périmètre « 59350 »",),
    ),
    (
        "unknown-zone-label",
        "zonage",
        committed("zonage_2026_libelle_inconnu.csv"),
        (),
        2,
        ("ligne 3 : libellé de zone inconnu « Zone rouge »",),
    ),
    (
        "conflicting-duplicate",
        "zonage",
        committed("zonage_2026_doublon.csv"),
        (),
        2,
        ("ligne 4 : doublon « 59002 » (déjà en ZIP ligne 2, ici ZAC)", "doublons identiques : 1"),
    ),
    (
        "truncated-xlsx",
        "zonage",
        generated("zonage_2026_tronque.xlsx", make_fixtures.truncated_xlsx),
        (),
        2,
        ("XLSX illisible",),
    ),
    (
        "xls-97",
        "zonage",
        generated("zonage_2026.xls", make_fixtures.xls_97),
        (),
        2,
        ("XLSX illisible", ".xls"),
    ),
    ("empty", "zonage", committed("zonage_2026_vide.csv"), (), 2, ("fichier vide",)),
    (
        "50-MB",
        "zonage",
        generated("zonage_2026_50mo.csv", make_fixtures.oversized),
        (),
        2,
        ("fichier trop volumineux", "20 Mo"),
    ),
    (
        "unknown-category-and-swapped-coordinates",
        "etablissements",
        committed("etablissements_categorie_inconnue.csv"),
        (),
        2,
        (
            "ligne 3 : catégorie inconnue « Pharmacie d'officine »",
            "ligne 4 : coordonnées hors Nord–Pas-de-Calais",
            "inversées",
        ),
    ),
    (
        "no-vintage",
        "zonage",
        generated("zonage_ars.csv", lambda p: Path(shutil.copy(FIXTURES / "zonage_ars_2026.csv", p))),
        (),
        2,
        ("millésime manquant", "--vintage"),
    ),
    (
        "bad-vintage",
        "zonage",
        committed("zonage_ars_2026.csv"),
        ("--vintage", "1999"),
        2,
        ("millésime invalide",),
    ),
    (
        "ambiguous-vintage",
        "zonage",
        generated(
            "zonage_2023_maj_2026.csv",
            lambda p: Path(shutil.copy(FIXTURES / "zonage_ars_2026.csv", p)),
        ),
        (),
        2,
        ("millésime ambigu",),
    ),
    (
        "missing-file",
        "zonage",
        lambda tmp: tmp / "absent_2026.csv",
        (),
        1,
        ("fichier introuvable",),
    ),
    (
        "directory",
        "cpts",
        lambda tmp: (tmp / "dossier.csv").mkdir() or tmp / "dossier.csv",
        (),
        1,
        ("fichier illisible",),
    ),
]


@pytest.mark.parametrize(
    ("kind", "build", "extra", "status", "fragments"),
    [pytest.param(*case[1:], id=case[0]) for case in CORPUS],
)
def test_damaged_file_is_refused_and_data_untouched(
    run_import: Runner,
    data: Path,
    tmp_path: Path,
    kind: str,
    build: Build,
    extra: tuple[str, ...],
    status: int,
    fragments: tuple[str, ...],
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    file = build(incoming)
    before = snapshot(data)

    result = run_import(kind, file, *extra)

    assert result.code == status
    for fragment in fragments:
        assert fragment in result.text
    assert "Traceback" not in result.text
    assert ("Import refusé" if status == 2 else "Erreur d'entrée/sortie") in result.err
    assert snapshot(data) == before


def test_oversized_file_is_refused_before_reading(
    run_import: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = make_fixtures.oversized(tmp_path / "zonage_2026.csv")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == big:
            raise AssertionError("the oversized file was opened")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded_open)
    result = run_import("zonage", big)
    assert result.code == 2
    assert "fichier trop volumineux" in result.out


@pytest.mark.parametrize("dry_run", [False, True])
def test_rejections_are_all_listed_not_just_the_first(
    run_import: Runner, tmp_path: Path, dry_run: bool
) -> None:
    rows = "".join(f"5900{i}X;ZIP\n" for i in range(60))
    file = tmp_path / "zonage_2026.csv"
    file.write_text("code commune;zonage\n59002;ZIP\n" + rows, encoding="utf-8")
    result = run_import("zonage", file, *(["--dry-run"] if dry_run else []))
    assert result.code == 2
    assert "rejetées : 60" in result.out
    assert "ligne 3 : code INSEE inconnu" in result.out
    assert "… et 10 autre(s) rejet(s)" in result.out
