"""Targets, the checks against them, and the printed table.

Sizes are decimal (1 kB = 1,000 B, 1 MB = 1,000,000 B), as in the targets and the tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The issue's targets (2-core machine, headless Chromium, localhost). ``None``: no target set.
TARGETS: dict[str, dict[str, float]] = {
    "bassin": {
        "map_drawn_ms": 1200,
        "peer_ratio": 1.3,
        "phone_card_ms": 3000,
        "phone_map_ms": 5000,
        "click_ms": 60,
        "event_ms": 100,
        "chapter_ms": 60,
        "server_p95_ms": 30,
        "response_bytes": 20_000,
        "first_visit_bytes": 800_000,
        "load_p95_ms": 250,
        "load_errors": 0,
    },
    "region": {
        "map_drawn_ms": 2500,
        "peer_ratio": 1.5,
        "click_ms": 150,
        "event_ms": 200,
        "chapter_ms": 150,
        "server_p95_ms": 60,
        "first_visit_bytes": 2_000_000,
    },
}
INTERACTIONS = ("edition switch", "theme change", "layer toggle", "commune selection")


@dataclass(frozen=True)
class Check:
    """One measure against its target."""

    dataset: str
    measure: str
    value: float
    target: float | None

    @property
    def ok(self) -> bool | None:
        """True/False against the target; None when there is none or no value."""
        if self.target is None or self.value is None or math.isnan(self.value):
            return None
        return self.value <= self.target


def checks(results: dict) -> list[Check]:
    """Every targeted measure of every data set that ran."""
    out = []
    for key, data in results["datasets"].items():
        targets = TARGETS.get(key, {})

        def add(measure: str, value: float, target_key: str, targets: dict = targets, key: str = key) -> None:
            out.append(Check(key, measure, value, targets.get(target_key)))

        if "first_visit" in data:
            add(
                "first visit, compressed (B)",
                data["first_visit"]["totals"]["total"]["compressed"],
                "first_visit_bytes",
            )
        if "map_drawn" in data:
            add("map drawn, median (ms)", data["map_drawn"]["summary"]["median"], "map_drawn_ms")
        if "dashboard" in data.get("ratio", {}):
            add("map ready ÷ bare dash-leaflet app", data["ratio"]["dashboard"], "peer_ratio")
        if "dashboard" in data.get("phone", {}):
            phone = data["phone"]["dashboard"]
            add("phone: shared link → card (ms)", phone["card"]["median"], "phone_card_ms")
            add("phone: shared link → map ready (ms)", phone["map"]["median"], "phone_map_ms")
        for name, click in data.get("clicks", {}).items():
            add(f"click → painted, {name}, median (ms)", click["summary"]["median"], "click_ms")
        events = [e for click in data.get("clicks", {}).values() for e in click.get("event_ms", [])]
        if events:
            add("worst interaction, Event Timing (ms)", max(events), "event_ms")
        if "chapter_switch" in data:
            add(
                "chapter switch → map painted, median (ms)",
                data["chapter_switch"]["summary"]["median"],
                "chapter_ms",
            )
        for name, rows in data.get("server", {}).items():
            if not rows:
                # An interaction that failed in the browser sent nothing to replay.
                continue
            add(
                f"server p95, {name}, slowest callback (ms)",
                max(r["time_ms"]["p95"] for r in rows),
                "server_p95_ms",
            )
            add(f"response, {name}, largest raw (B)", max(r["raw_bytes"] for r in rows), "response_bytes")
        if "load" in data:
            add("load p95 (ms)", data["load"]["latency_ms"]["p95"], "load_p95_ms")
            add("load errors", data["load"]["errors"], "load_errors")
    return out


def _mark(check: Check | None) -> str:
    if check is None or check.ok is None:
        return ""
    return " ✓" if check.ok else " ✗"


def _ms(value: float) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _spread(summary: dict) -> str:
    """Median [min–max] of a timing summary."""
    return f"{_ms(summary['median'])} [{_ms(summary['min'])}–{_ms(summary['max'])}]"


def _bytes(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB"
    return f"{value / 1000:.1f} kB"


def _target(key: str, target_key: str, kind: str) -> str:
    value = TARGETS.get(key, {}).get(target_key)
    if value is None:
        return ""
    return "≤ " + (_ms(value) if kind == "ms" else _bytes(value) if kind == "bytes" else f"{value:g}")


def rows(results: dict) -> list[tuple[str, ...]]:
    """The table: one line per measure, two columns (value, target) per data set."""
    keys = [k for k in ("bassin", "region") if k in results["datasets"]]
    data = {k: results["datasets"][k] for k in keys}
    found = {(c.dataset, c.measure): c for c in checks(results)}
    lines: list[tuple[str, ...]] = []

    def line(label: str, cell, target_key: str = "", kind: str = "", measure: str = "") -> None:
        cells: list[str] = [label]
        for key in keys:
            try:
                text = cell(data[key])
            except (KeyError, ValueError, TypeError):
                text = "—"
            cells += [
                text + _mark(found.get((key, measure))),
                _target(key, target_key, kind) if target_key else "",
            ]
        lines.append(tuple(cells))

    line("1. cold start (gunicorn start → first 200)", lambda d: f"{d['cold_start_s']['median']:.2f} s")
    line(
        "2. first visit, compressed (raw)",
        lambda d: (
            f"{_bytes(d['first_visit']['totals']['total']['compressed'])} "
            f"({_bytes(d['first_visit']['totals']['total']['raw'])})"
        ),
        "first_visit_bytes",
        "bytes",
        "first visit, compressed (B)",
    )
    for category in ("html", "layout", "scripts", "data", "callbacks"):
        line(
            f"     {category}",
            lambda d, c=category: (
                f"{_bytes(d['first_visit']['totals'][c]['compressed'])} "
                f"({_bytes(d['first_visit']['totals'][c]['raw'])})"
            ),
        )
    line(
        "3. map drawn, median [min–max]",
        lambda d: _spread(d["map_drawn"]["summary"]),
        "map_drawn_ms",
        "ms",
        "map drawn, median (ms)",
    )
    line(
        "     ÷ bare dash-leaflet app, same run (its median)",
        lambda d: (
            f"{d['ratio']['dashboard']:.2f} "
            f"({_ms(d['first_paint']['peer']['summary']['median'])} against "
            f"{_ms(d['first_paint']['dashboard']['summary']['median'])})"
        ),
        "peer_ratio",
        "",
        "map ready ÷ bare dash-leaflet app",
    )
    line(
        "     first visit, bytes as sent (CDP)",
        lambda d: _bytes(d["first_paint"]["dashboard"]["bytes_median"]),
    )
    line(
        "     phone (slow 4G, 4× CPU): /?commune=62510 → card / → map",
        lambda d: " / ".join(_ms(d["phone"]["dashboard"][k]["median"]) for k in ("card", "map")),
        "phone_card_ms",
        "ms",
        "phone: shared link → card (ms)",
    )
    line("4. input → map painted, median (waiting for callbacks) [longest event] {panels}", lambda d: "")
    for name in INTERACTIONS:
        line(
            f"     {name}",
            lambda d, n=name: (
                f"{_ms(d['clicks'][n]['summary']['median'])} "
                f"({_ms(d['clicks'][n]['network']['median'])})"
                f" [{_ms(d['clicks'][n]['event']['max'])}]"
                + (f" {{{_ms(d['clicks'][n]['panels']['median'])}}}" if d["clicks"][n]["panels"]["n"] else "")
                + (" error" if d["clicks"][n]["error"] else "")
            ),
            "click_ms",
            "ms",
            f"click → painted, {name}, median (ms)",
        )
    line(
        "     worst interaction (Event Timing duration)",
        lambda d: _ms(max(e for c in d["clicks"].values() for e in c["event_ms"])),
        "event_ms",
        "ms",
        "worst interaction, Event Timing (ms)",
    )
    # A data set without it (an older results file) shows "—": ``line`` catches the KeyError.
    line(
        "     presentation: chapter switch (key → map painted)",
        lambda d: _spread(d["chapter_switch"]["summary"]),
        "chapter_ms",
        "ms",
        "chapter switch → map painted, median (ms)",
    )
    line("5. server time p50 / p95, slowest callback", lambda d: "")
    for name in INTERACTIONS:
        line(
            f"     {name}",
            lambda d, n=name: _slowest(d["server"][n]),
            "server_p95_ms",
            "ms",
            f"server p95, {name}, slowest callback (ms)",
        )
    line("6. response bytes, largest raw (all raw / compressed)", lambda d: "")
    for name in INTERACTIONS:
        line(
            f"     {name}",
            lambda d, n=name: (
                f"{_bytes(max(r['raw_bytes'] for r in d['server'][n]))} "
                f"({_bytes(sum(r['raw_bytes'] for r in d['server'][n]))} / "
                f"{_bytes(sum(r['compressed_bytes'] for r in d['server'][n]))})"
            ),
            "response_bytes",
            "bytes",
            f"response, {name}, largest raw (B)",
        )
    line(
        "7. load: users × s, requests/s",
        lambda d: (
            f"{d['load']['users']} × {d['load']['seconds']:.0f} s, {d['load']['requests_per_s']:.0f} req/s"
        ),
    )
    line(
        "     p50 / p95 / p99",
        lambda d: " / ".join(_ms(d["load"]["latency_ms"][k]) for k in ("median", "p95", "p99")),
        "load_p95_ms",
        "ms",
        "load p95 (ms)",
    )
    line("     errors", lambda d: f"{d['load']['errors']}", "load_errors", "", "load errors")
    return lines


def _slowest(rows: list[dict]) -> str:
    worst = max(rows, key=lambda r: r["time_ms"]["p95"])
    failed = [r["output"] for r in rows if r["status"] >= 400]
    text = f"{worst['time_ms']['median']:.1f} / {worst['time_ms']['p95']:.1f} ms ({worst['output']})"
    return text + (f" FAILED: {', '.join(failed)}" if failed else "")


def table(results: dict) -> str:
    """The rows as aligned text, with a header naming the data sets."""
    keys = [k for k in ("bassin", "region") if k in results["datasets"]]
    header = ["measure"]
    for key in keys:
        header += [results["datasets"][key]["label"], "target"]
    body = [tuple(header), *rows(results)]
    widths = [max(len(r[i]) for r in body) for i in range(len(header))]
    text = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in body]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)


def callback_table(results: dict) -> str:
    """Every callback of every interaction: p50/p95 and raw/compressed bytes, per data set."""
    lines = []
    for key, data in results["datasets"].items():
        for name, callbacks in data.get("server", {}).items():
            for r in callbacks:
                lines.append(
                    f"{key:7s} {name:18s} {r['output']:24s} {r['status']} "
                    f"p50 {r['time_ms']['median']:6.1f} ms  p95 {r['time_ms']['p95']:6.1f} ms  "
                    f"{_bytes(r['raw_bytes']):>9s} raw  "
                    f"{_bytes(r['compressed_bytes']):>9s} compressed  {'Patch' if r['is_patch'] else ''}"
                )
    return "\n".join(lines)
