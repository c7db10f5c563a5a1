"""Slow clients (slowloris): connections that send their request head a byte at a time.

``hold(port, count, seconds)`` keeps ``count`` such connections busy for ``seconds``
(each re-opens when the server cuts it) while a prober sends one normal request
every 0.2 s and records its latency. Everything targets 127.0.0.1.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time

from bench.stats import summary

HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n" + b"X-Slow: " + b"a" * 2000


def _slow(port: int, stop: float, interval: float, cut: list[int]) -> None:
    while time.monotonic() < stop:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                for byte in HEAD:
                    if time.monotonic() >= stop:
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(interval)
        except OSError:
            cut.append(1)
            time.sleep(0.1)


def _probe(port: int, stop: float, latencies: list[float], errors: list[str]) -> None:
    while time.monotonic() < stop:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"HTTP {response.status}")
            else:
                latencies.append((time.perf_counter() - started) * 1000)
        except OSError as exc:
            errors.append(type(exc).__name__)
        finally:
            connection.close()
        time.sleep(0.2)


def hold(port: int, count: int = 40, seconds: float = 20.0, interval: float = 0.5) -> dict[str, object]:
    """``count`` slow clients for ``seconds``; the latency of normal requests meanwhile."""
    stop = time.monotonic() + seconds
    cut: list[int] = []
    latencies: list[float] = []
    errors: list[str] = []
    slow = [
        threading.Thread(target=_slow, args=(port, stop, interval, cut), daemon=True) for _ in range(count)
    ]
    for thread in slow:
        thread.start()
    time.sleep(1.0)  # every slow client is connected and sending
    _probe(port, stop, latencies, errors)
    for thread in slow:
        thread.join(timeout=10)
    return {
        "slow_clients": count,
        "seconds": seconds,
        "byte_interval_s": interval,
        "slow_connections_cut": len(cut),
        "normal_requests": len(latencies),
        "normal_errors": len(errors),
        "normal_latency_ms": summary(latencies),
        "normal_over_1s": sum(1 for value in latencies if value > 1000),
    }
