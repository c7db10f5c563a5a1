"""Generate the MapLibre SDF glyph PBFs committed under ``assets/glyphs``.

Why this exists: any text drawn by a plotly MapLibre trace makes MapLibre fetch
``{fontstack}/{range}.pbf`` from the style's ``glyphs`` URL. The dashboard must
work with no network, so the glyphs are served from the app's own assets.

No package on npm ships ready-made PBFs for an open font (``@geops/mapbox-gl-fonts``
ships only the TTF sources and a generator; ``fontnik`` downloads a native binary
from outside the registry at install time), so this script renders them itself,
following the conventions of mapbox/node-fontnik and sdf-glyph-foundry so that
MapLibre lays them out exactly like the glyphs from a public glyph server:

* 24 px em, unhinted outlines, a 3 px buffer around each bitmap;
* exact distance to the flattened outline, radius 8 px, cutoff 0.25
  (byte = 255 - clamp(64 + 32 * signed distance), so the edge is 191);
* ``top`` is the bitmap's top minus the face's ascender at 24 px.

Inputs (build time only, the app never needs them): Noto Sans Regular and Bold
from Debian's ``fonts-noto-core`` package, and ``freetype-py`` plus ``numpy``
from PyPI. Run from the repository root::

    apt-get install fonts-noto-core
    python -m venv /tmp/glyphs && /tmp/glyphs/bin/pip install freetype-py numpy
    /tmp/glyphs/bin/python tools/make_glyphs.py

The output is deterministic: the same fonts give byte-identical files.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import freetype
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "assets" / "glyphs"
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")
LICENSE_NAME = "OFL.txt"

#: Code points rendered, keyed by the start of the 256-wide range MapLibre
#: fetches them in. MapLibre fetches a range only when a label holds a code
#: point in it, and these three cover French text: Basic Latin and Latin-1
#: (accents, « », NBSP); Latin Extended-A (Œ œ Ÿ, and the letters of other
#: European place names); General Punctuation, super- and subscripts and
#: currency (’ – — … € and the narrow NBSP U+202F that French puts before
#: ; : ! ? »). Latin Extended-B (which would double the 256-511 file) and the
#: combining marks for symbols are left out: French never needs them.
COVERAGE: dict[int, range] = {
    0: range(0x0000, 0x0100),
    256: range(0x0100, 0x0180),
    8192: range(0x2000, 0x20D0),
}

FONT_SIZE = 24
BUFFER = 3
RADIUS = 8
CUTOFF = 0.25
#: Longest straight piece, in pixels, used to approximate a curve; far below
#: what the 8-bit field can resolve at 32 levels per pixel.
MAX_SEGMENT_PX = 0.5


@dataclass(frozen=True)
class Glyph:
    """One rendered glyph, with the metrics the MapLibre glyph protobuf carries."""

    codepoint: int
    width: int
    height: int
    left: int
    top: int
    advance: int
    bitmap: bytes


# --- protobuf wire format (hand-written: five field kinds are all we need) ---


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _zigzag(value: int) -> int:
    return (value << 1) ^ (value >> 63)


def _field_varint(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _field_bytes(number: int, payload: bytes) -> bytes:
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def encode_glyph(glyph: Glyph) -> bytes:
    """Encode ``message glyph`` (id, bitmap, width, height, left, top, advance)."""
    body = _field_varint(1, glyph.codepoint)
    if glyph.bitmap:
        body += _field_bytes(2, glyph.bitmap)
    body += _field_varint(3, glyph.width)
    body += _field_varint(4, glyph.height)
    body += _field_varint(5, _zigzag(glyph.left))
    body += _field_varint(6, _zigzag(glyph.top))
    body += _field_varint(7, glyph.advance)
    return body


def encode_range(name: str, start: int, glyphs: Iterable[Glyph]) -> bytes:
    """Encode ``message glyphs { fontstack stacks = 1; }`` for one 256-code-point range."""
    stack = _field_bytes(1, name.encode())
    stack += _field_bytes(2, f"{start}-{start + 255}".encode())
    for glyph in glyphs:
        stack += _field_bytes(3, encode_glyph(glyph))
    return _field_bytes(1, stack)


# --- outline flattening and signed distance field ---


def _flatten(face: freetype.Face) -> list[np.ndarray]:
    """Return the loaded glyph's contours as closed polylines, in pixels."""
    rings: list[list[tuple[float, float]]] = []

    def point(vector: freetype.FT_Vector) -> tuple[float, float]:
        return vector.x / 64.0, vector.y / 64.0

    def curve(controls: list[tuple[float, float]]) -> None:
        ring = rings[-1]
        pts = np.array([ring[-1], *controls])
        length = float(np.hypot(*np.diff(pts, axis=0).T).sum())
        steps = max(2, math.ceil(length / MAX_SEGMENT_PX))
        t = np.linspace(0.0, 1.0, steps + 1)[1:, None]
        if len(pts) == 3:
            p0, p1, p2 = pts
            xy = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2
        else:
            p0, p1, p2, p3 = pts
            xy = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2
            xy += t**3 * p3
        ring.extend(map(tuple, xy))

    def move_to(to: freetype.FT_Vector, _user: object) -> int:
        rings.append([point(to)])
        return 0

    def line_to(to: freetype.FT_Vector, _user: object) -> int:
        rings[-1].append(point(to))
        return 0

    def conic_to(control: freetype.FT_Vector, to: freetype.FT_Vector, _user: object) -> int:
        curve([point(control), point(to)])
        return 0

    def cubic_to(
        c1: freetype.FT_Vector, c2: freetype.FT_Vector, to: freetype.FT_Vector, _user: object
    ) -> int:
        curve([point(c1), point(c2), point(to)])
        return 0

    face.glyph.outline.decompose(None, move_to, line_to, conic_to, cubic_to)
    closed = []
    for ring in rings:
        if len(ring) < 2:
            continue
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        closed.append(np.asarray(ring, dtype=np.float64))
    return closed


def signed_distance_bitmap(rings: list[np.ndarray], width: int, height: int) -> bytes:
    """Rasterise the SDF of ``rings`` (already shifted into the buffered box).

    Distances are exact to the polyline (not a bitmap transform), and the
    inside test is the non-zero winding rule, so overlapping contours of a
    font stay solid.
    """
    bw, bh = width + 2 * BUFFER, height + 2 * BUFFER
    xs = np.arange(bw) + 0.5
    ys = np.arange(bh) + 0.5
    px, py = (a.ravel()[:, None] for a in np.meshgrid(xs, ys))

    seg = np.concatenate([np.hstack([r[:-1], r[1:]]) for r in rings])
    ax, ay, bx, by = (seg[:, i][None, :] for i in range(4))
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(length2 > 0, ((px - ax) * dx + (py - ay) * dy) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    dist = np.sqrt(((ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2).min(axis=1))

    cross = dx * (py - ay) - (px - ax) * dy
    upward = (ay <= py) & (by > py) & (cross > 0)
    downward = (by <= py) & (ay > py) & (cross < 0)
    winding = upward.sum(axis=1) - downward.sum(axis=1)
    signed = np.where(winding != 0, -dist, dist)

    scaled = np.minimum(signed, RADIUS) * (256 / RADIUS) + CUTOFF * 256
    level = np.clip(np.trunc(scaled), 0, 255).astype(np.int32)
    # Row 0 of the bitmap is the top: flip the y-up grid.
    field = (255 - level).astype(np.uint8).reshape(bh, bw)[::-1]
    return field.tobytes()


def render_glyph(face: freetype.Face, codepoint: int, ascender: int) -> Glyph | None:
    """Render one code point, or ``None`` when the font has no glyph for it."""
    index = face.get_char_index(codepoint)
    if not index:
        return None
    if unicodedata.category(chr(codepoint)) == "Cf":
        # Format characters (soft hyphen, LRM, bidi embeddings...) have visible
        # placeholder outlines in Noto that a text shaper hides; MapLibre has
        # no shaper and would draw them, so they are emitted empty and zero-width.
        return Glyph(codepoint, 0, 0, 0, 0, 0, b"")
    face.load_glyph(index, freetype.FT_LOAD_NO_HINTING)
    # Rounded rather than truncated as fontnik does: truncation loses up to a
    # pixel per letter and visibly tightens long labels.
    advance = round(face.glyph.metrics.horiAdvance / 64)
    rings = _flatten(face)
    if not rings:
        return Glyph(codepoint, 0, 0, 0, 0, advance, b"")
    points = np.concatenate(rings)
    xmin, ymin = np.round(points.min(axis=0)).astype(int)
    xmax, ymax = np.round(points.max(axis=0)).astype(int)
    width, height = int(xmax - xmin), int(ymax - ymin)
    if width == 0 or height == 0:
        return Glyph(codepoint, 0, 0, 0, 0, advance, b"")
    shifted = [ring - (xmin - BUFFER, ymin - BUFFER) for ring in rings]
    bitmap = signed_distance_bitmap(shifted, width, height)
    return Glyph(codepoint, width, height, int(xmin), int(ymax) - ascender, advance, bitmap)


def font_stack_name(face: freetype.Face) -> str:
    """Name the stack as fontnik does: family and style, e.g. ``Noto Sans Regular``."""
    return f"{face.family_name.decode()} {face.style_name.decode()}"


def build_font(path: Path, out_dir: Path) -> tuple[str, list[Path]]:
    """Write every range of one font; return the stack name and the files written."""
    face = freetype.Face(str(path))
    face.set_char_size(FONT_SIZE * 64)
    ascender = face.size.ascender // 64
    name = font_stack_name(face)
    stack_dir = out_dir / name
    stack_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for start, codepoints in COVERAGE.items():
        glyphs = [
            glyph
            for codepoint in codepoints
            if (glyph := render_glyph(face, codepoint, ascender)) is not None
        ]
        target = stack_dir / f"{start}-{start + 255}.pbf"
        target.write_bytes(encode_range(name, start, glyphs))
        written.append(target)
    return name, written


def license_text(fonts: list[Path], copyright_file: Path) -> str:
    """Build the OFL notice: each font's own copyright line, then the licence.

    The OFL requires its text and the copyright notice to travel with any
    derivative of the font, which the PBFs are. The licence body is taken from
    Debian's machine-readable copyright file so no network is needed.
    """
    sources = []
    for font in fonts:
        face = freetype.Face(str(font))
        names = {}
        for i in range(face.sfnt_name_count):
            entry = face.get_sfnt_name(i)
            if entry.platform_id == 3 and entry.name_id in (0, 5):
                names[entry.name_id] = entry.string.decode("utf-16-be")
        version = names.get(5, "").split(";")[0]
        sources.append(f"{font_stack_name(face)} ({font.name}, {version}): {names.get(0, '')}")
    lines = copyright_file.read_text().splitlines()
    # The licence text is the stand-alone "License: OFL-1.1" paragraph, the
    # only one whose next line is indented; the others just name the licence.
    start = next(
        i
        for i, line in enumerate(lines[:-1])
        if line == "License: OFL-1.1" and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line.strip())
    header = (
        "The glyph files in this folder are signed distance fields rendered by\n"
        "tools/make_glyphs.py from these fonts, as shipped in Debian's fonts-noto-core:\n\n"
        + "".join(f"  {source}\n" for source in sources)
        + "\nThis Font Software is licensed under the SIL Open Font License, Version 1.1,\n"
        "whose text follows.\n\n"
    )
    wrapped = "\n".join(textwrap.fill(par, 78) if par else "" for par in _paragraphs(body))
    return header + "SIL OPEN FONT LICENSE Version 1.1\n\n" + wrapped + "\n"


def _paragraphs(lines: list[str]) -> list[str]:
    """Join Debian's one-clause-per-line layout back into paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
            continue
        if current:
            paragraphs.append(" ".join(current))
            current = []
        paragraphs.append("")
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def main(argv: list[str] | None = None) -> int:
    """Generate the regular and bold stacks and the licence file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--regular", type=Path, default=NOTO_DIR / "NotoSans-Regular.ttf")
    parser.add_argument("--bold", type=Path, default=NOTO_DIR / "NotoSans-Bold.ttf")
    parser.add_argument("--copyright", type=Path, default=DEBIAN_COPYRIGHT)
    args = parser.parse_args(argv)

    for required in (args.regular, args.bold, args.copyright):
        if not required.is_file():
            print(f"missing {required}: apt-get install fonts-noto-core", file=sys.stderr)
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for font in (args.regular, args.bold):
        name, written = build_font(font, args.out)
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in written)
        print(f"{name}: {sizes}")
    (args.out / LICENSE_NAME).write_text(license_text([args.regular, args.bold], args.copyright))
    return 0


if __name__ == "__main__":
    sys.exit(main())
