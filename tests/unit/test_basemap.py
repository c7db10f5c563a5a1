"""The offline base style, and the committed glyph PBFs it points at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest

from erbm_map.figures.basemap import (
    BACKGROUND_COLOR,
    FONT_BOLD,
    FONT_STACK,
    GLYPHS_ASSET_PATH,
    offline_style,
    unbreakable,
)

GLYPHS_DIR = Path(__file__).resolve().parents[2] / "assets" / "glyphs"
URL = "/assets/" + GLYPHS_ASSET_PATH
# Everything French text on the map may hold beyond ASCII letters.
FRENCH = "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ«»’‘“”–—…€°\u00a0\u202f\u2011"


def test_style_is_a_blank_background_with_local_glyphs():
    style = offline_style(URL)
    assert style["version"] == 8
    # One empty source: plotly would drop an empty ``sources`` and MapLibre would then reject the style.
    assert [source["data"]["features"] for source in style["sources"].values()] == [[]]
    assert style["glyphs"] == "/assets/glyphs/{fontstack}/{range}.pbf"
    assert "sprite" not in style
    assert style["layers"] == [
        {"id": "background", "type": "background", "paint": {"background-color": BACKGROUND_COLOR}}
    ]


def test_style_is_a_fresh_dict_each_time():
    first = offline_style(URL)
    first["layers"].append({"id": "extra"})
    assert len(offline_style(URL)["layers"]) == 1


@pytest.mark.parametrize("url", ["/assets/glyphs/x.pbf", "/assets/{fontstack}.pbf", "/{range}.pbf"])
def test_style_rejects_a_url_without_both_tokens(url):
    with pytest.raises(ValueError, match="lacks"):
        offline_style(url)


def test_plotly_accepts_the_style_and_the_font_family():
    fig = go.Figure(
        go.Scattermap(
            lon=[2.95],
            lat=[50.42],
            mode="markers+text",
            text=["Lens"],
            textfont={"family": FONT_STACK},
        ),
        layout={"map": {"style": offline_style(URL)}},
    )
    assert fig.layout.map.style["glyphs"] == URL
    assert fig.data[0].textfont.family == FONT_STACK


def test_unbreakable_keeps_the_look_and_drops_the_break_points():
    label = unbreakable("Hénin-Beaumont — ZIP")
    assert label == "Hénin\u2011Beaumont\u00a0—\u00a0ZIP"
    assert " " not in label and "-" not in label


# --- the committed PBFs: a minimal reader of the protobuf wire format ---


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        if key & 7 == 0:
            value, pos = _varint(data, pos)
            yield key >> 3, value
        elif key & 7 == 2:
            length, pos = _varint(data, pos)
            yield key >> 3, data[pos : pos + length]
            pos += length
        else:
            raise AssertionError(f"unexpected wire type {key & 7}")


def read_range(path: Path) -> tuple[str, str, dict[int, dict[int, int | bytes]]]:
    """Return (stack name, range, {code point: glyph fields}) of one PBF."""
    (number, stack), *rest = list(_fields(path.read_bytes()))
    assert number == 1 and not rest, "one fontstack per file"
    name = range_ = ""
    glyphs = {}
    for number, value in _fields(stack):
        if number == 1:
            name = value.decode()
        elif number == 2:
            range_ = value.decode()
        elif number == 3:
            glyph = dict(_fields(value))
            glyphs[glyph[1]] = glyph
    return name, range_, glyphs


@pytest.mark.parametrize("stack", [FONT_STACK, FONT_BOLD])
def test_glyphs_cover_french_text(stack):
    glyphs = {}
    for start in (0, 256, 8192):
        name, range_, part = read_range(GLYPHS_DIR / stack / f"{start}-{start + 255}.pbf")
        assert (name, range_) == (stack, f"{start}-{start + 255}")
        assert all(start <= cp <= start + 255 for cp in part)
        glyphs |= part
    for char in FRENCH + "AZaz09":
        assert ord(char) in glyphs, f"{char!r} U+{ord(char):04X} missing from {stack}"
    for cp, glyph in glyphs.items():
        width, height = glyph.get(3, 0), glyph.get(4, 0)
        # MapLibre reads the bitmap as (width + 6) x (height + 6): a 3 px buffer.
        assert len(glyph.get(2, b"")) == ((width + 6) * (height + 6) if width else 0), hex(cp)
        assert glyph[7] > 0 or not width, f"U+{cp:04X} has ink but no advance"
    space = glyphs[0x202F]
    assert space.get(3, 0) == 0 and space[7] > 0, "narrow no-break space: an advance, no ink"
    # MapLibre has no shaper to hide format characters: they must carry no ink.
    for cp in (0x00AD, 0x200B, 0x200E, 0x202A):
        assert glyphs[cp].get(3, 0) == 0 and glyphs[cp][7] == 0, hex(cp)


def test_glyphs_stay_small_and_carry_their_licence():
    sizes = [p.stat().st_size for p in GLYPHS_DIR.glob("*/*.pbf")]
    assert len(sizes) == 6
    assert sum(sizes) < 450_000
    licence = (GLYPHS_DIR / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence
