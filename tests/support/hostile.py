"""Hostile XLSX files: small on disk, huge once opened (shared by the tests and the bench).

Each is a valid workbook written by openpyxl whose worksheet or shared-strings part is
then replaced by a crafted one, streamed into the zip so that making it costs neither
time nor memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl

#: The hostile shapes of the red-team pass: one enormous cell, a very wide sheet, many rows.
KINDS = ("huge-cell", "wide", "tall")


def _base() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code commune", "Zonage"])
    sheet.append(["59002", "ZIP"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(kind: str, size: int) -> Iterator[bytes]:
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Code commune</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Zonage</t></is></c></row>'
    )
    if kind == "huge-cell":
        yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
        chunk = b"A" * (1 << 20)
        for _ in range(size // len(chunk)):
            yield chunk
        yield b"</t></is></c></row>"
    elif kind == "wide":
        for row in range(2, size + 2):
            yield (
                f'<row r="{row}">'.encode()
                + b"".join(f'<c r="{_column(col)}{row}"><v>1</v></c>'.encode() for col in range(1, 16385))
                + b"</row>"
            )
    else:
        for row in range(2, size + 2):
            yield f'<row r="{row}"><c r="A{row}"><v>59002</v></c></row>'.encode()
    yield b"</sheetData></worksheet>"


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


#: Sizes of the red-team pass: a 180 MB cell, 380 rows of 16,384 columns, 1.5 million rows.
RED_TEAM = {"huge-cell": 180 * (1 << 20), "wide": 380, "tall": 1_500_000}
#: Sizes just past each streaming limit but under the size caps checked before parsing.
PAST_LIMITS = {"huge-cell": 1 << 20, "wide": 3, "tall": 61_000}


def hostile_xlsx(path: Path, kind: str, size: int | None = None) -> Path:
    """Write a hostile workbook of ``kind`` (see ``KINDS``) to ``path``; ``size`` in bytes or rows."""
    size = RED_TEAM[kind] if size is None else size
    with (
        zipfile.ZipFile(io.BytesIO(_base())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with out.open(info.filename, "w", force_zip64=True) as handle:
                    for part in _sheet(kind, size):
                        handle.write(part)
            else:
                out.writestr(info, source.read(info.filename))
    return path


_REFUSE = """
import sys
from pathlib import Path
from erbm_map.imports.reading import read_file
from erbm_map.imports.report import ImportFailure
try:
    read_file(Path(sys.argv[1]))
except ImportFailure as exc:
    print(exc)
    sys.exit(2)
"""


def measure_refusal(path: Path) -> dict[str, object]:
    """Read ``path`` as an import does, in a child process: seconds, peak memory, message."""
    import os
    import subprocess
    import sys
    import time

    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _REFUSE, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    message = child.stdout.read().strip()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "refused": child.returncode == 2,
        "message": message,
    }


def run(directory: Path) -> list[dict[str, object]]:
    """The red-team files and the files just past each streaming limit, each measured once."""
    directory.mkdir(parents=True, exist_ok=True)
    results = []
    for sizes, tag in ((RED_TEAM, "red-team"), (PAST_LIMITS, "past-limit")):
        for kind in KINDS:
            path = hostile_xlsx(directory / f"{tag}-{kind}.xlsx", kind, sizes[kind])
            results.append({"kind": f"{tag} {kind}", **measure_refusal(path)})
            path.unlink()
    return results
