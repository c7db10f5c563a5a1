"""The stale-asset check (issue 18, defect 1): after an import, is any versioned URL
answered with content its ``v`` does not name, in a way a browser would keep?

Every answer to a ``?v=<hash>`` URL is sorted by what a browser would do with it:

- ``fresh``: the content hashes to ``v`` and may be kept a year (``immutable``);
- ``not_stored``: other content, ``no-store`` (a page of the previous version asking for
  an asset that is gone: shown once, kept nowhere);
- ``stale``: other content that may be kept — the defect; the figure must be 0;
- ``wrong_cache``: the right content without the year's cache (costs a refetch only);
- ``errors``: no answer, or not a 200.

URLs are those of the pages and layouts the server hands out (dashboard and
presentation); requests go to whichever worker the kernel picks, many times each, so
every worker answers every URL.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.support.assets import VERSIONED, get

PAGES = ("/", "/_dash-layout", "/presentation/", "/presentation/_dash-layout")
#: The directives of a year-long, immutable cache (in any order).
YEAR = {"public", "max-age=31536000", "immutable"}


def versioned_urls(port: int) -> set[str]:
    """Every ``?v=`` URL in the pages and layouts one (any) worker hands out now."""
    text = "".join(get(port, page)[2].decode("utf-8", "replace") for page in PAGES)
    return {match.group(0) for match in VERSIONED.finditer(text.replace("\\u002f", "/"))}


def classify(port: int, url: str) -> str:
    """What a browser would do with the answer to ``url`` (see the module's docstring)."""
    try:
        status, headers, body = get(port, url)
    except OSError:
        return "errors"
    if status != 200:
        return "errors"
    right = hashlib.sha256(body).hexdigest()[:16] == url.rsplit("=", 1)[1]
    cache = {part.strip().lower() for part in headers.get("Cache-Control", "").split(",")}
    if right:
        return "fresh" if cache >= YEAR else "wrong_cache"
    return "not_stored" if "no-store" in cache else "stale"


def import_zoning(data: Path, year: int) -> float:
    """Import a zoning vintage as an operator would; returns the time the stamp was written."""
    file = data.parent / f"zonage_{year}.csv"
    file.write_text("Code commune;Zonage\n59002;ZIP\n62498;ZAC\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("erbm-map")), "import", "zonage", str(file), "--confirm"]
    subprocess.run([*command, "--data-dir", str(data)], check=True, capture_output=True)
    return time.monotonic()


def check(
    port: int, data: Path, year: int, seconds: float = 20.0, repeat: int = 4, idle: float = 0.0
) -> dict:
    """Import ``year``, wait ``idle`` seconds with no request of ours, then for ``seconds``
    fetch every versioned URL seen so far, ``repeat`` times each per round (old ones
    included); count the answers by kind.

    The idle wait reproduces the issue's case: a worker that got no request since the
    import used to keep the old data until its next request, and answered it with them.
    """
    seen = versioned_urls(port)
    before = set(seen)
    written = import_zoning(data, year)
    time.sleep(idle)
    counts: Counter[str] = Counter()
    examples: list[str] = []
    first_new: float | None = None
    rounds = 0
    while time.monotonic() - written < idle + seconds:
        rounds += 1
        try:
            current = versioned_urls(port)
        except OSError:
            counts["errors"] += 1
            continue
        if first_new is None and current - before:
            first_new = time.monotonic() - written
        seen |= current
        for url in sorted(seen):
            for _ in range(repeat):
                kind = classify(port, url)
                counts[kind] += 1
                if kind in ("stale", "errors") and len(examples) < 5:
                    examples.append(f"{kind} {url} at {time.monotonic() - written:.1f} s")
    return {
        "year": year,
        "idle_s": idle,
        "seconds": seconds,
        "rounds": rounds,
        "urls_before": len(before),
        "urls_new": len(seen - before),
        "fetches": sum(counts.values()),
        "first_new_layout_s": first_new,
        **{kind: counts[kind] for kind in ("fresh", "not_stored", "stale", "wrong_cache", "errors")},
        "examples": examples,
    }


def under_load(
    port: int, data: Path, year: int, background: Callable[[], dict], seconds: float = 40.0
) -> dict:
    """:func:`check` while ``background`` (simulated users) runs in another thread."""
    result: dict = {}
    runner = threading.Thread(target=lambda: result.update(background()), daemon=True)
    runner.start()
    out = check(port, data, year, seconds)
    runner.join()
    return {**out, "load": result}


def summary_line(key: str, r: dict) -> str:
    """One line for docs/performance.md."""
    first = r["first_new_layout_s"]
    return (
        f"{key}: {r['fetches']} fetches of {r['urls_before']}+{r['urls_new']} versioned URLs over "
        f"{r['seconds']:.0f} s after an import (+{r['idle_s']:.0f} s idle first), "
        f"stale {r['stale']}, fresh {r['fresh']}, "
        f"not stored {r['not_stored']}, wrong cache {r['wrong_cache']}, errors {r['errors']}, "
        f"new layout after {first if first is None else round(first, 1)} s"
        + (f"; load: {r['load']['requests']} req, errors {r['load']['errors']}" if "load" in r else "")
    )
