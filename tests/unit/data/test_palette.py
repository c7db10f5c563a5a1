"""The zoning palette is ordinal, prints in grey and survives colour blindness (issue 21).

Read from the data files themselves (``sources/zones.csv``, ``sources/symbols.csv``), so a
colour changed there is checked here. The ramp is data-driven: the zones a doctor is fully
aided in (``eligibility`` = eligible), in the file's order of fragility, then the default
zone (role ``par-defaut``). Colour blindness is simulated with colorspacious (Machado et al.
2009 model, severity 100: deuteranopia, protanopia, tritanopia); distances are CAM02-UCS
ΔE, where about 1 is a just-noticeable difference.
"""

from __future__ import annotations

import itertools

import colorspacious as cs
import numpy as np
import pandas as pd
import pytest

from erbm_map.core.paths import DEFAULT_DATA_DIR

SOURCES = DEFAULT_DATA_DIR / "sources"
CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")
#: Lightness steps a grey print keeps apart.
MIN_STEP = 10.0
#: WCAG contrast of the default zone against the neighbours (1.12 before issue 21).
MIN_NEIGHBOUR_CONTRAST = 1.4
#: CAM02-UCS distance between any two fills, for every vision simulated.
MIN_DELTA_E = 10.0


def rgb(hex_colour: str) -> np.ndarray:
    value = hex_colour.lstrip("#")
    return np.array([int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def lightness(colour: np.ndarray) -> float:
    return float(cs.cspace_convert(colour, "sRGB1", "CIELab")[0])


def simulate(colour: np.ndarray, cvd: str | None) -> np.ndarray:
    if cvd is None:
        return colour
    space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
    return np.clip(cs.cspace_convert(colour, space, "sRGB1"), 0, 1)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(hex_colour: str) -> float:
        c = rgb(hex_colour)
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def ramp_problems(ramp: dict[str, str], cvd: str | None = None) -> list[str]:
    """Steps of the ramp that are not at least ``MIN_STEP`` lighter than the one before."""
    values = [(code, lightness(simulate(rgb(c), cvd))) for code, c in ramp.items()]
    return [
        f"{a} L*={la:.1f} -> {b} L*={lb:.1f}"
        for (a, la), (b, lb) in itertools.pairwise(values)
        if lb - la < MIN_STEP
    ]


def distance_problems(fills: dict[str, str], cvd: str | None = None) -> list[str]:
    """Pairs of fills closer than ``MIN_DELTA_E`` for this vision."""
    sims = {code: simulate(rgb(c), cvd) for code, c in fills.items()}
    return [
        f"{a}/{b} ΔE={d:.1f}"
        for a, b in itertools.combinations(sims, 2)
        if (d := float(cs.deltaE(sims[a], sims[b], input_space="sRGB1"))) < MIN_DELTA_E
    ]


def grey_problems(fills: dict[str, str]) -> list[str]:
    """Pairs of fills that a grey print would merge (lightness closer than ``MIN_STEP``)."""
    values = {code: lightness(rgb(c)) for code, c in fills.items()}
    return [
        f"{a}/{b} ΔL*={abs(values[a] - values[b]):.1f}"
        for a, b in itertools.combinations(values, 2)
        if abs(values[a] - values[b]) < MIN_STEP
    ]


ZONES = pd.read_csv(SOURCES / "zones.csv", dtype=str, keep_default_na=False).set_index("code")
SYMBOLS = pd.read_csv(SOURCES / "symbols.csv", dtype=str, keep_default_na=False).set_index("key")
NEIGHBOURS = SYMBOLS.at["voisins", "color"]
DEFAULT = ZONES.index[ZONES["role"] == "par-defaut"][0]
RAMP = {
    **{code: ZONES.at[code, "color"] for code in ZONES.index[ZONES["eligibility"] == "eligible"]},
    DEFAULT: ZONES.at[DEFAULT, "color"],
}
#: Every fill the map can draw side by side: the zones (the not-loaded marker is drawn outside
#: the perimeter, like the neighbours) and the neighbours.
FILLS = {
    **{code: ZONES.at[code, "color"] for code in ZONES.index[ZONES["role"] != "non-charge"]},
    "voisins": NEIGHBOURS,
}
#: The palette before issue 21, which every check below must refuse.
OLD_RAMP = {"ZIP": "#D55E00", "ZAC": "#E69F00", "ZAR": "#56B4E9", "HZ": "#F0F0F0"}


def test_the_ramp_has_the_fragile_zones_and_ends_on_the_default_zone() -> None:
    assert len(RAMP) >= 3
    assert next(reversed(RAMP)) == DEFAULT


def test_the_ramp_goes_from_darkest_to_palest_in_steps_a_grey_print_keeps() -> None:
    assert not ramp_problems(RAMP)
    assert lightness(rgb(RAMP[DEFAULT])) >= 95, "the default zone is white or near-white"


def test_every_two_fills_differ_in_grey() -> None:
    assert not grey_problems(FILLS)


def test_the_neighbours_are_a_cool_grey_that_stands_out_from_the_default_zone() -> None:
    assert contrast(NEIGHBOURS, RAMP[DEFAULT]) >= MIN_NEIGHBOUR_CONTRAST
    _, a, b = cs.cspace_convert(rgb(NEIGHBOURS), "sRGB1", "CIELab")
    assert b < 0 and abs(a) < 5, "cool and nearly neutral"
    warm = [code for code in RAMP if code != DEFAULT]
    assert all(cs.cspace_convert(rgb(RAMP[code]), "sRGB1", "CIELab")[2] > 20 for code in warm)


def test_the_partial_zone_is_off_the_ramp() -> None:
    """A partly eligible zone is told apart by hue (a cool violet among warm tones)."""
    partial = ZONES.index[ZONES["eligibility"] == "partielle"]
    assert len(partial)
    for code in partial:
        assert cs.cspace_convert(rgb(ZONES.at[code, "color"]), "sRGB1", "CIELab")[2] < 0


@pytest.mark.parametrize("cvd", [None, *CVD_TYPES])
def test_colour_blind_viewers_keep_the_order_and_tell_every_fill_apart(cvd: str | None) -> None:
    assert not ramp_problems(RAMP, cvd)
    assert not distance_problems(FILLS, cvd)


def test_the_checks_refuse_the_palette_before_issue_21() -> None:
    """ZAC and ZAR had the same lightness; ZAR's blue broke the order; HZ melted into the neighbours."""
    assert ramp_problems(OLD_RAMP)
    assert any("ZAC/ZAR" in p for p in grey_problems(OLD_RAMP))
    assert contrast("#E4E4E4", OLD_RAMP["HZ"]) < MIN_NEIGHBOUR_CONTRAST
    assert distance_problems({"HZ": OLD_RAMP["HZ"], "voisins": "#E4E4E4"}, "deuteranomaly")
