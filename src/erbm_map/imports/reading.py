"""Read an official file into rows of text cells, whatever its real-world shape.

ARS and ministry files come as CSV (";" or ",", UTF-8 with or without BOM, or cp1252
from Excel "CSV (séparateur : point-virgule)") or as XLSX. This module turns any of them
into ``Sheet`` objects: rows of strings numbered as a spreadsheet shows them. It also
enforces the limits that keep a bad file from exhausting memory: the size cap is
checked on disk before anything is read, and again while reading.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from erbm_map.core.clitext import os_error_fr
from erbm_map.imports.report import EXIT_IO_ERROR, ImportFailure, Rejection, failure

#: Largest file accepted, in bytes. A national zoning file is about 2 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Largest uncompressed content of an XLSX (an XLSX is a zip: guards against zip bombs).
MAX_XLSX_UNCOMPRESSED_BYTES = 10 * MAX_FILE_BYTES
#: Largest uncompressed part of an XLSX (one worksheet, the shared strings), checked
#: before parsing: one giant cell or string table cannot fill memory (openpyxl loads the
#: shared strings whole), and a sheet without a ``<dimension>`` element, which openpyxl
#: parses once in full just to size it, costs at most about 1 s. A sheet of
#: ``MAX_XLSX_CELLS`` cells takes about 7 MB; larger files are imported as CSV.
MAX_XLSX_PART_BYTES = 8 * 1024 * 1024
#: Most lines of a CSV (header included); France has fewer than 35,000 communes. A
#: 200,000-line zoning file imports in about 19 s and 370 MB (docs/imports.md).
MAX_ROWS = 200_000
#: Most rows read from one XLSX sheet: parsing costs about 45 µs a row, so a hostile
#: sheet is refused within 3 s; a national zoning sheet has about 35,000.
MAX_XLSX_ROWS = 60_000
#: Most cells read from one XLSX sheet (about 10 µs each): 35,000 communes × 5 columns fit.
MAX_XLSX_CELLS = 200_000
#: Most columns of a row; official files have a few dozen, a sheet may have 16,384.
MAX_COLUMNS = 1_000
#: Longest cell, Excel's own limit: a longer one was not typed by anybody.
MAX_CELL_CHARS = 32_767
#: Longest physical line of a CSV: two cells at Excel's limit. Checked before parsing,
#: so one giant line is refused in milliseconds (it took 41 s and 1.16 GB, issue 18).
MAX_LINE_CHARS = 2 * MAX_CELL_CHARS
#: Most cells read from a CSV: 200,000 rows of 10 columns, about 150 MB of Python
#: strings at worst; a national zoning file has 35,000 rows of a few columns.
MAX_CSV_CELLS = 2_000_000
#: Delimiters tried for CSV, most common in French files first.
DELIMITERS = (";", ",", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Control characters a text file never holds (tab, CR, LF are fine).
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\r", "\n"} | {"\x7f"}

Row = tuple[int, list[str]]


@dataclass(frozen=True, slots=True)
class Sheet:
    """The rows of one table: (line number as shown in the file, cells as text)."""

    name: str
    rows: list[Row]


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file's content with a description of its format for the report."""

    kind: str  # "csv" or "xlsx"
    description: str
    text: str = ""
    sheets: tuple[Sheet, ...] = ()


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Read a file, refusing it before reading when it is larger than ``limit``.

    The size is checked with ``stat`` first, then the read itself stops at ``limit + 1``
    bytes, so that a file growing meanwhile or a device such as /dev/zero is refused too.

    Raises:
        ImportFailure: missing or unreadable file (exit 1), too large or empty (exit 2).

    """
    limit = MAX_FILE_BYTES if limit is None else limit
    too_big = failure("fichier trop volumineux", hint=f"limite : {limit // (1024 * 1024)} Mo")
    try:
        if path.stat().st_size > limit:
            raise too_big
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ImportFailure(Rejection(None, "fichier introuvable", str(path)), EXIT_IO_ERROR) from None
    except OSError as exc:
        raise ImportFailure(
            Rejection(None, "fichier illisible", str(path), os_error_fr(exc)),
            EXIT_IO_ERROR,
        ) from None
    if len(data) > limit:
        raise too_big
    if not data.strip():
        raise failure("fichier vide")
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; return (text, encoding name for the report).

    UTF-8 (with or without BOM) is tried first because a cp1252 decoding never fails
    and would turn UTF-8 accents into "Ã©"; cp1252 is what Excel writes on French
    Windows. UTF-16 and binary content are refused: they are what "Unicode text" exports
    and wrong files look like, and reading them as cp1252 would produce garbage codes.
    """
    if data.startswith(_UTF16_BOMS) or b"\x00" in data[:4096]:
        raise failure(
            "encodage illisible",
            hint="UTF-16 ou contenu binaire : enregistrez le fichier en CSV UTF-8 ou en XLSX",
        )
    if data.startswith(_UTF8_BOM):
        candidates = (("utf-8-sig", "UTF-8 (BOM)"),)
    else:
        _refuse_mixed(data)
        candidates = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"))
    for codec, label in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _CONTROL.isdisjoint(text):
            return text, label
    raise failure(
        "encodage illisible",
        hint="ni UTF-8 ni Windows-1252 : enregistrez le fichier en CSV UTF-8 ou en XLSX",
    )


def _refuse_mixed(data: bytes) -> None:
    """Refuse a file whose lines are in two encodings, naming a few lines of each.

    A UTF-8 file with one line pasted from a cp1252 file is not valid UTF-8, and read
    whole as cp1252 it turns every other accent into "Ã©" ("CPTS Lens-LiÃ©vin", issue
    18). A line is counted as UTF-8 when it has accents and decodes as UTF-8; a real
    cp1252 text almost never does ("Ã©" typed on purpose).
    """
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            utf8.append(number)
    if utf8 and other:
        raise failure(
            "encodages mélangés",
            f"lignes en UTF-8 : {_sample(utf8)} ; lignes en Windows-1252 : {_sample(other)}",
            "une partie du fichier a été collée depuis un autre : enregistrez-le entier en CSV UTF-8",
            line=other[0],
        )


def _sample(lines: list[int], shown: int = 3) -> str:
    """A few line numbers, with a count of the others."""
    text = ", ".join(map(str, lines[:shown]))
    return text + (f" et {len(lines) - shown} autre(s)" if len(lines) > shown else "")


def read_file(path: Path, limit: int | None = None) -> RawFile:
    """Read ``path`` as XLSX or CSV, deciding by content rather than by extension.

    Planners rename files; a zip signature means XLSX, the OLE signature means the old
    binary .xls (refused with advice), anything else is decoded as CSV text.
    """
    data = read_bytes(path, limit)
    if data.startswith(_OLE_MAGIC):
        raise failure(
            "XLSX illisible",
            path.name,
            "format Excel 97-2003 (.xls) non pris en charge : enregistrez en .xlsx ou .csv",
        )
    if data.startswith(_ZIP_MAGIC) or path.suffix.lower() in {".xlsx", ".xlsm"}:
        sheets = read_xlsx(data)
        return RawFile("xlsx", "XLSX", sheets=sheets)
    text, encoding = decode(data)
    check_lines(text)
    return RawFile("csv", f"CSV, encodage {encoding}", text=text)


def check_lines(text: str) -> None:
    """Refuse CSV text with too many lines or a line too long, before any parsing.

    The same limits as for an XLSX sheet, counted on physical lines (a record has at
    least one), so that parsing never starts on a file it would have to refuse.
    """
    newline = "\n" if "\n" in text else "\r"  # old Mac exports end lines with CR alone
    if text.count(newline) + (not text.endswith(newline)) > MAX_ROWS:
        raise failure("fichier trop volumineux", hint=f"plus de {MAX_ROWS} lignes")
    start, number = 0, 1
    while start < len(text):
        end = text.find(newline, start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise failure("ligne trop longue", hint=f"plus de {MAX_LINE_CHARS} caractères", line=number)
        start, number = end + 1, number + 1


def parse_csv(text: str, delimiter: str, max_rows: int | None = None) -> list[Row]:
    """Split CSV text into rows numbered by the physical line where each record starts.

    A quoted cell spanning several lines counts its lines, as a text editor would.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    line = 1
    seen = 0
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise failure("fichier trop volumineux", hint=f"plus de {MAX_COLUMNS} colonnes", line=line)
            seen += len(cells)
            if seen > MAX_CSV_CELLS:
                hint = f"plus de {MAX_CSV_CELLS} cellules : retirez des colonnes ou découpez le fichier"
                raise failure("fichier trop volumineux", hint=hint, line=line)
            if any(len(cell) > MAX_CELL_CHARS for cell in cells):
                raise failure("cellule trop longue", hint=f"plus de {MAX_CELL_CHARS} caractères", line=line)
            rows.append((line, cells))
            line = reader.line_num + 1
            if max_rows is not None and len(rows) >= max_rows:
                break
            if len(rows) > MAX_ROWS:
                raise failure("fichier trop volumineux", hint=f"plus de {MAX_ROWS} lignes")
    except csv.Error as exc:
        raise failure("CSV illisible", hint=str(exc), line=reader.line_num) from None
    return rows


def read_xlsx(data: bytes) -> tuple[Sheet, ...]:
    """Read every worksheet of an XLSX as text rows (values, not formulas).

    openpyxl raises many exception types on a damaged file (zip, XML, KeyError on a
    missing part), hence the broad ``except``: any of them means "XLSX illisible" to
    the planner. Its warnings about unsupported Excel features (data validation,
    conditional formatting, missing styles) say nothing about the values and are muted.
    """
    import openpyxl

    _check_zip(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = []
                for worksheet in workbook.worksheets:
                    if not hasattr(worksheet, "iter_rows"):
                        continue  # chart sheets hold no cells
                    worksheet.reset_dimensions()  # trust the cells, not a stale A1:XFD1048576
                    sheets.append(Sheet(worksheet.title, _sheet_rows(worksheet.iter_rows())))
            finally:
                workbook.close()
    except ImportFailure:
        raise
    except Exception as exc:
        raise failure(
            "XLSX illisible", hint=f"fichier endommagé ou tronqué ({exc.__class__.__name__})"
        ) from None
    if not any(any(cells) for sheet in sheets for _, cells in sheet.rows):
        raise failure("fichier vide", hint="aucune cellule remplie")
    return tuple(sheets)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise failure("XLSX illisible", hint="fichier endommagé ou tronqué") from None
    if sum(sizes) > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise failure("fichier trop volumineux", hint="contenu XLSX décompressé trop gros")
    if max(sizes, default=0) > MAX_XLSX_PART_BYTES:
        limit = MAX_XLSX_PART_BYTES // (1024 * 1024)
        hint = f"une feuille ou sa table de textes dépasse {limit} Mo décompressés : enregistrez en CSV"
        raise failure("fichier trop volumineux", hint=hint)


def _sheet_rows(rows: Iterable[tuple[object, ...]]) -> list[Row]:
    """Read rows as they stream out of openpyxl, stopping at the first one over a limit."""
    out: list[Row] = []
    for number, cells in enumerate(_values(rows), start=1):
        if number > MAX_XLSX_ROWS:
            raise failure("fichier trop volumineux", hint=f"plus de {MAX_XLSX_ROWS} lignes")
        out.append((number, cells))
    return out


def _values(rows: Iterable[tuple[object, ...]]) -> Iterator[list[str]]:
    seen = 0
    for number, row in enumerate(rows, start=1):
        if len(row) > MAX_COLUMNS:
            raise failure("fichier trop volumineux", hint=f"plus de {MAX_COLUMNS} colonnes", line=number)
        seen += len(row)
        if seen > MAX_XLSX_CELLS:
            hint = f"plus de {MAX_XLSX_CELLS} cellules : enregistrez en CSV ou retirez des colonnes"
            raise failure("fichier trop volumineux", hint=hint, line=number)
        cells = [cell_text(getattr(cell, "value", None)) for cell in row]
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise failure("cellule trop longue", hint=f"plus de {MAX_CELL_CHARS} caractères", line=number)
        while cells and not cells[-1]:
            cells.pop()
        yield cells


def cell_text(value: object) -> str:
    """Render an XLSX cell as the text a planner sees (59002, not 59002.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
