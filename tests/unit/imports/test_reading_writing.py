"""Low-level reading (limits, encodings, XLSX) and atomic writing."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from erbm_map.data.storage import atomic_write_bytes as atomic_write
from erbm_map.imports import reading
from erbm_map.imports.reading import cell_text, decode, parse_csv, read_bytes, read_file
from erbm_map.imports.report import ImportFailure
from erbm_map.imports.writer import render_csv, source_label, store
from tests.unit.imports.imports_testkit import make_fixtures


def reason(excinfo: pytest.ExceptionInfo[ImportFailure]) -> str:
    return excinfo.value.rejection.reason


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("é;à\n".encode(), "é;à\n", "UTF-8"),
        (b"\xef\xbb\xbf" + "é;à\n".encode(), "é;à\n", "UTF-8 (BOM)"),
        ("é;à’\n".encode("cp1252"), "é;à’\n", "Windows-1252"),
    ],
)
def test_accepted_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [
        "code;zone\n".encode("utf-16"),
        "code;zone\n".encode("utf-16-le"),
        b"code;zone\n\x81\x8d",
        b"code\x01;zone\n",
    ],
)
def test_refused_encodings(data: bytes) -> None:
    with pytest.raises(ImportFailure) as caught:
        decode(data)
    assert reason(caught) == "encodage illisible"


def test_size_limit_applies_while_reading(tmp_path: Path) -> None:
    file = tmp_path / "f.csv"
    file.write_bytes(b"x" * 101)
    with pytest.raises(ImportFailure) as caught:
        read_bytes(file, limit=100)
    assert reason(caught) == "fichier trop volumineux"
    assert read_bytes(file, limit=101) == b"x" * 101


@pytest.mark.parametrize("content", [b"", b" \n\r\n\t"])
def test_blank_file_is_empty(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "f.csv"
    file.write_bytes(content)
    with pytest.raises(ImportFailure) as caught:
        read_bytes(file)
    assert reason(caught) == "fichier vide"


def test_csv_line_numbers_count_multiline_cells() -> None:
    rows = parse_csv('a;b\n"x\ny";1\n\nz;2\n', ";")
    assert rows == [(1, ["a", "b"]), (2, ["x\ny", "1"]), (4, []), (5, ["z", "2"])]


def test_xlsx_rows_are_numbered_like_excel(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C3"] = "code"
    sheet["A6"] = 59002
    file = tmp_path / "f.xlsx"
    workbook.save(file)
    (parsed,) = read_file(file).sheets
    assert [(n, cells) for n, cells in parsed.rows if cells] == [
        (3, ["", "", "code"]),
        (6, ["59002"]),
    ]


def test_xlsx_detected_by_content_whatever_the_name(tmp_path: Path) -> None:
    file = tmp_path / "zonage.csv"
    file.write_bytes(make_fixtures.zoning_xlsx_bytes())
    assert read_file(file).kind == "xlsx"


def test_xlsx_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_XLSX_UNCOMPRESSED_BYTES", 1000)
    file = make_fixtures.zoning_xlsx(tmp_path / "f.xlsx")
    with pytest.raises(ImportFailure) as caught:
        read_file(file)
    assert reason(caught) == "fichier trop volumineux"


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    file = tmp_path / "f.xlsx"
    file.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailure) as caught:
        read_file(file)
    assert reason(caught) == "XLSX illisible"


def test_cell_text() -> None:
    assert [cell_text(v) for v in (None, 59002, 59002.0, 2.5, "2A004", True)] == [
        "",
        "59002",
        "59002",
        "2.5",
        "2A004",
        "VRAI",
    ]
    assert cell_text(datetime(2026, 3, 2)) == "2026-03-02T00:00:00"


def test_render_csv_uses_lf_and_quotes_when_needed() -> None:
    data = render_csv(("a", "b"), [("1", "x, y"), ("2", 'dit "oui"')])
    assert data == b'a,b\n1,"x, y"\n2,"dit ""oui"""\n'


def test_source_label_flattens_line_breaks() -> None:
    assert (
        source_label("z\n.csv", "2026-03-02", " arrêté\r\ndu 12 ")
        == "import z .csv du 2026-03-02 ; arrêté du 12"
    )
    assert source_label("z.csv", "2026-03-02") == "import z.csv du 2026-03-02"


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.csv"
    atomic_write(fresh, b"x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.csv", "t.csv"]


def test_failed_write_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "t.csv"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_store_archives_under_a_utc_timestamp(tmp_path: Path) -> None:
    base = tmp_path / "data"
    target = base / "sources" / "cpts.csv"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"v1")
    paris_evening = datetime(2026, 3, 2, 23, 30, tzinfo=UTC).astimezone()
    outcome = store(target, b"v2", base, paris_evening)
    assert outcome.archived == base / "archive" / "cpts.20260302T233000Z.csv"
    assert outcome.archived.read_bytes() == b"v1"
    assert target.read_bytes() == b"v2"
    assert store(target, b"v2", base).unchanged
