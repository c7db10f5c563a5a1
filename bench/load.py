"""Concurrent load on the production server: simulated users replaying what a browser sends.

Each user loops over a page load (HTML, layout, dependencies and the callbacks the page
fires on load) and the four interactions, with the payloads captured from the browser,
pausing between steps as a person reading the map would. Threads with ``http.client``
(the standard library) are enough: each request opens its own connection, as gunicorn's
workers close it after every response anyway (no keep-alive). Everything targets 127.0.0.1 and is
bounded in users, time and number of requests.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.browser import CALLBACK_PATH, Interaction, Visit
from bench.stats import summary

MAX_USERS = 200
MAX_SECONDS = 120.0
MAX_REQUESTS = 200_000
HEADERS = {"Accept-Encoding": "br, gzip", "User-Agent": "erbm-map-bench"}


@dataclass(frozen=True)
class Step:
    """One request of a user's sequence."""

    label: str
    method: str
    path: str
    body: bytes | None = None


@dataclass
class Outcome:
    """Everything the users measured."""

    users: int
    seconds: float
    think_s: float
    latencies_ms: list[float] = field(default_factory=list)
    by_label: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    bytes_received: int = 0
    capped: bool = False

    def to_json(self) -> dict:
        """Requests/s, latency percentiles overall and per kind of request, errors."""
        count = len(self.latencies_ms)
        return {
            "users": self.users,
            "seconds": self.seconds,
            "think_s": self.think_s,
            "requests": count,
            "requests_per_s": count / self.seconds if self.seconds else 0.0,
            "latency_ms": summary(self.latencies_ms),
            "by_request": {label: summary(values) for label, values in sorted(self.by_label.items())},
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors.most_common(10)),
            "bytes_received": self.bytes_received,
            "capped": self.capped,
        }


def sequences(visit: Visit, interactions: list[Interaction]) -> list[list[list[Step]]]:
    """Variants of a user's loop; each is a list of groups, a pause between groups.

    Variant ``i`` replays the ``i``-th repeat of every interaction, so successive loops
    alternate editions, themes, layers and communes as the browser did.
    """
    page = [
        Step("GET /", "GET", "/"),
        Step("GET layout", "GET", "/_dash-layout"),
        Step("GET dependencies", "GET", "/_dash-dependencies"),
        *[
            Step("POST page-load callback", "POST", CALLBACK_PATH, (r.post_data or "").encode())
            for r in visit.callbacks
        ],
    ]
    rounds = max((len(i.payloads) for i in interactions), default=0)
    variants = []
    for n in range(max(rounds, 1)):
        groups = [page]
        for interaction in interactions:
            if not interaction.payloads:
                continue
            sent = interaction.payloads[n % len(interaction.payloads)]
            groups.append(
                [
                    Step(f"POST {interaction.name}", "POST", CALLBACK_PATH, (r.post_data or "").encode())
                    for r in sent
                ]
            )
        variants.append(groups)
    return variants


class _Shared:
    """The users' common ledger; one lock, held only to append."""

    def __init__(self, users: int, seconds: float, think: float) -> None:
        self.lock = threading.Lock()
        self.outcome = Outcome(users, seconds, think)
        self.count = 0

    def add(self, label: str, latency_ms: float, size: int, error: str | None) -> bool:
        with self.lock:
            self.count += 1
            if error:
                self.outcome.errors[error] += 1
            else:
                self.outcome.latencies_ms.append(latency_ms)
                self.outcome.by_label.setdefault(label, []).append(latency_ms)
                self.outcome.bytes_received += size
            if self.count >= MAX_REQUESTS:
                self.outcome.capped = True
            return not self.outcome.capped


def _send(port: int, step: Step) -> tuple[int, int]:
    headers = dict(HEADERS)
    if step.body is not None:
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(step.method, step.path, body=step.body, headers=headers)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def _user(
    port: int, index: int, variants: list[list[list[Step]]], deadline: float, think: float, shared: _Shared
) -> None:
    rng = random.Random(index)
    # Users arrive over the first seconds, not all in the same millisecond.
    time.sleep(rng.uniform(0, min(3.0, think * 2 or 0.5)))
    loop = index
    while time.monotonic() < deadline:
        for group in variants[loop % len(variants)]:
            for step in group:
                if time.monotonic() >= deadline:
                    return
                started = time.perf_counter()
                try:
                    status, size = _send(port, step)
                    error = None if status < 400 else f"HTTP {status} on {step.label}"
                except OSError as exc:
                    size, error = 0, f"{type(exc).__name__} on {step.label}"
                if not shared.add(step.label, (time.perf_counter() - started) * 1000, size, error):
                    return
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        loop += 1


def run(port: int, variants: list[list[list[Step]]], users: int, seconds: float, think: float) -> Outcome:
    """``users`` simulated users for ``seconds`` against 127.0.0.1:``port``."""
    users, seconds = min(users, MAX_USERS), min(seconds, MAX_SECONDS)
    shared = _Shared(users, seconds, think)
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_user, args=(port, i, variants, deadline, think, shared), daemon=True)
        for i in range(users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    shared.outcome.seconds = time.monotonic() - started
    return shared.outcome
