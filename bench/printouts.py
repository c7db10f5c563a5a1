"""``python -m bench.printouts``: time the server-rendered map and the print sheet.

Renders run in this process, one at a time, after a warm-up render (matplotlib's font cache
and imports are paid once per server process, not per request). For each view and format:
the median and range of ``--runs`` uncached renders, then a cached request through the
Flask test client (the LRU of :class:`erbm_map.printouts.renders.Renders`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from erbm_map.app import create_app
from erbm_map.core.domain import ALL_LAYERS
from erbm_map.core.state import ViewState
from erbm_map.data import load_bundle
from erbm_map.map.static_map import MapGeometry, build_static_map

RESULTS = Path(__file__).resolve().parent / "results"
VIEWS = {
    "territoire, couches par défaut": (ViewState(vintage="2025"), "page"),
    "territoire, toutes les couches": (ViewState(vintage="2025", layers=ALL_LAYERS), "page"),
    "commune 62427 dans son EPCI": (ViewState(vintage="2025", commune="62427"), "page"),
    "EPCI 246200364, édition 2019": (ViewState(edition="2019", vintage="2025", epci="246200364"), "page"),
    "vignette de la fiche (62427)": (ViewState(vintage="2025", commune="62427"), "fiche"),
}
URLS = {
    "GET /fiche?commune=62427": "/fiche?commune=62427",
    "GET /fiche.pdf?commune=62427": "/fiche.pdf?commune=62427",
    "GET /fiche?epci=246200364": "/fiche?epci=246200364",
    "GET /export/carte.png (territoire)": "/export/carte.png",
}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure_renders(runs: int) -> dict[str, dict[str, list[float]]]:
    bundle = load_bundle()
    geometry = MapGeometry.from_bundle(bundle)
    build_static_map(bundle, ViewState(vintage="2025", epci="200042190"), "png", geometry=geometry)
    out: dict[str, dict[str, list[float]]] = {}
    for name, (state, frame) in VIEWS.items():
        for fmt in ("png", "pdf") if frame == "page" else ("png",):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                build_static_map(bundle, state, fmt, frame=frame, geometry=geometry)
                times.append(_ms(start))
            out.setdefault(name, {})[fmt] = times
    return out


def measure_http(runs: int) -> dict[str, dict[str, list[float]]]:
    client = create_app().server.test_client()
    out: dict[str, dict[str, list[float]]] = {}
    for name, url in URLS.items():
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        first = _ms(start)
        again = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            again.append(_ms(start))
        out[name] = {"first": [first], "map cached": again}
    return out


def _fmt(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.0f} ms"
    return f"{statistics.median(values):.0f} ms [{min(values):.0f}–{max(values):.0f}]"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.printouts", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    renders = measure_renders(args.runs)
    http = measure_http(args.runs)
    print(f"Uncached renders, median [min–max] of {args.runs}:")
    for name, by_fmt in renders.items():
        print(f"  {name:<34} " + "  ".join(f"{fmt}: {_fmt(v)}" for fmt, v in by_fmt.items()))
    print("HTTP through the Flask test client (first request renders the map; later ones hit the cache):")
    for name, parts in http.items():
        print(f"  {name:<36} " + "  ".join(f"{k}: {_fmt(v)}" for k, v in parts.items()))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "printouts.json").write_text(json.dumps({"renders": renders, "http": http}, indent=1))


if __name__ == "__main__":
    main()
