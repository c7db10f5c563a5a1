"""Server time and response bytes per interaction callback, replayed through the Flask test client.

The payloads are the ones the browser sent (see :mod:`bench.browser`), so Dash sees
exactly the inputs, states and ``changedPropIds`` of a real click. The test client
goes through the whole WSGI stack (routing, Dash dispatch, JSON, compression) but
no socket: the figure is the server's own cost, without network or queueing.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

from bench.browser import CALLBACK_PATH, Interaction, Observed
from bench.stats import summary

COMPRESSED = {"Accept-Encoding": "br, gzip"}
JSON = {"Content-Type": "application/json"}
WARMUP = 5


@dataclass
class CallbackResult:
    """One callback of one interaction: its server times (ms) and response sizes (bytes)."""

    output: str
    times_ms: list[float] = field(default_factory=list)
    raw_bytes: int = 0
    compressed_bytes: int = 0
    status: int = 0
    is_patch: bool = False

    def to_json(self) -> dict:
        """What goes into the results file."""
        return {
            "output": self.output,
            "status": self.status,
            "time_ms": summary(self.times_ms),
            "raw_bytes": self.raw_bytes,
            "compressed_bytes": self.compressed_bytes,
            "is_patch": self.is_patch,
        }


def short_output(output: str) -> str:
    """``map.figure`` stays; the URL callback's many outputs read as ``url-sync``."""
    return "url-sync" if output.startswith("..") else output


def _by_output(rounds: list[list[Observed]]) -> dict[str, list[str]]:
    """Every payload the browser sent for each output, across the repeats of an interaction."""
    grouped: dict[str, list[str]] = {}
    for sent in rounds:
        for request in sent:
            if request.post_data:
                grouped.setdefault(request.output, []).append(request.post_data)
    return grouped


def replay(
    data_dir: Path | None, interactions: list[Interaction], calls: int
) -> dict[str, list[CallbackResult]]:
    """Time ``calls`` calls of every callback each interaction triggers (payloads taken in turn)."""
    from erbm_map.app import create_app

    client = create_app(data_dir).server.test_client()
    # A failing callback shows as its status in the results; its traceback, 200 times, would
    # bury the table.
    logging.getLogger("erbm_map").setLevel(logging.CRITICAL)
    results: dict[str, list[CallbackResult]] = {}
    for interaction in interactions:
        rows = []
        for output, payloads in _by_output(interaction.payloads).items():
            row = CallbackResult(short_output(output))
            first = client.post(CALLBACK_PATH, data=payloads[-1], headers=JSON)
            row.status = first.status_code
            row.raw_bytes = len(first.data)
            row.is_patch = b'"__dash_patch_update"' in first.data
            row.compressed_bytes = len(
                client.post(CALLBACK_PATH, data=payloads[-1], headers={**JSON, **COMPRESSED}).data
            )
            bodies = cycle(payloads)
            for _ in range(WARMUP):
                client.post(CALLBACK_PATH, data=next(bodies), headers={**JSON, **COMPRESSED})
            # A collection in the middle of a call is not the callback's cost: collect before.
            gc.collect()
            for _ in range(calls):
                body = next(bodies)
                started = time.perf_counter()
                client.post(CALLBACK_PATH, data=body, headers={**JSON, **COMPRESSED})
                row.times_ms.append((time.perf_counter() - started) * 1000)
            rows.append(row)
        results[interaction.name] = rows
    return results
