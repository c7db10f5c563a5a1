"""Gunicorn worker that holds against slow clients and answers its own errors in French.

Gunicorn's threaded worker (``gthread``) waits for a connection's first bytes without
tying a thread, but then reads the request head in a thread with no time limit: a
client sending its headers a byte at a time holds that thread for as long as it
likes, and a few dozen such clients took the site down. ``GuardedThreadWorker``
gives every request ``REQUEST_READ_TIMEOUT`` seconds to arrive, whole; a client
that is slower is disconnected like one that hung up (a debug line, no traceback).

Gunicorn also answers malformed requests itself (414 URI too long, 431 headers too
large, 400), before the app sees them, with English pages and no security headers.
``handle_error`` answers them in French with the same headers as the app.
"""

from __future__ import annotations

import errno
import os
import socket
import time
from typing import Any

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.gthread import TConn, ThreadWorker

from erbm_map.core.labels import Labels
from erbm_map.web.hardening import PERMISSIONS_POLICY, error_page

#: Seconds a client has to send a whole request (head and body, at most 2 MB);
#: ``REQUEST_TIMEOUT`` in the environment changes it.
REQUEST_READ_TIMEOUT = float(os.environ.get("REQUEST_TIMEOUT") or 10.0)
#: Seconds a write may block on a client that does not read (the default blocks forever).
WRITE_TIMEOUT = 30.0
#: Headers of gunicorn's own error pages: those ``web/server.py`` puts on the app's responses.
ERROR_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cache-Control": "no-store",
    "Connection": "close",
}
#: Gunicorn's client errors: status, French title and explanation.
CLIENT_ERRORS: tuple[tuple[type[Exception], int, str, str], ...] = (
    (errors.LimitRequestLine, 414, Labels.ERROR_URI_TOO_LONG, Labels.ERROR_URI_TOO_LONG_TEXT),
    (errors.LimitRequestHeaders, 431, Labels.ERROR_HEADERS_TOO_LARGE, Labels.ERROR_HEADERS_TOO_LARGE_TEXT),
    (errors.UnsupportedTransferCoding, 501, Labels.ERROR_UNSUPPORTED, Labels.ERROR_UNSUPPORTED_TEXT),
    (errors.ParseException, 400, Labels.ERROR_BAD_REQUEST, Labels.ERROR_BAD_REQUEST_TEXT),
)
REASONS = {
    400: "Bad Request",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
}


class _DeadlineSocket:
    """A client socket whose reads stop at a deadline; a late read looks like a hang-up."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.deadline = time.monotonic() + REQUEST_READ_TIMEOUT

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def _arm(self) -> bool:
        left = self.deadline - time.monotonic()
        if left <= 0:
            return False
        self._sock.settimeout(left)
        return True

    def recv(self, size: int, *args: Any) -> bytes:
        """Read, or return b"" (end of stream) once the request's time is up."""
        if not self._arm():
            return b""
        try:
            return self._sock.recv(size, *args)
        except TimeoutError:
            return b""

    def recv_into(self, buffer: Any, *args: Any) -> int:
        """As :meth:`recv`, into a buffer."""
        if not self._arm():
            return 0
        try:
            return self._sock.recv_into(buffer, *args)
        except TimeoutError:
            return 0

    def sendall(self, data: Any, *args: Any) -> None:
        """Write the response with its own timeout, whatever the read deadline left."""
        self._sock.settimeout(WRITE_TIMEOUT)
        self._sock.sendall(data, *args)

    def send(self, data: Any, *args: Any) -> int:
        """As :meth:`sendall`, one call."""
        self._sock.settimeout(WRITE_TIMEOUT)
        return self._sock.send(data, *args)

    def setblocking(self, flag: bool) -> None:
        """Gunicorn switches between blocking (threads) and not (poller); reads stay timed."""
        self._sock.setblocking(flag)


class _TimedConn(TConn):
    """A connection whose every request must arrive within ``REQUEST_READ_TIMEOUT``."""

    def __init__(self, cfg: Any, sock: socket.socket, client: Any, server: Any) -> None:
        super().__init__(cfg, _DeadlineSocket(sock), client, server)

    def init(self) -> None:
        """Called by the worker thread before each request: its clock starts now."""
        super().init()
        if isinstance(self.sock, _DeadlineSocket):
            self.sock.deadline = time.monotonic() + REQUEST_READ_TIMEOUT


class GuardedThreadWorker(ThreadWorker):
    """``gthread`` with a deadline per request and French error pages with security headers."""

    def accept(self, listener: socket.socket) -> None:
        """As ``ThreadWorker.accept``, with a timed connection."""
        try:
            client_sock, client_addr = listener.accept()
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        client_sock.setblocking(True)
        self.enqueue_req(_TimedConn(self.cfg, client_sock, client_addr, listener.getsockname()))

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Answer a request gunicorn could not pass to the app: French page, our headers, one log line."""
        known = next((entry for entry in CLIENT_ERRORS if isinstance(exc, entry[0])), None)
        if known is None:
            super().handle_error(req, client, addr, exc)
            return
        _, status, title, message = known
        self.log.warning("Requête refusée (%s) de %s : %s", status, (addr or ("?",))[0], exc)
        page = error_page(message, heading=title, title=f"{Labels.ERROR_TITLE} {status}").encode("utf-8")
        head = [f"HTTP/1.1 {status} {REASONS[status]}", *(f"{k}: {v}" for k, v in ERROR_HEADERS.items())]
        head.append(f"Content-Length: {len(page)}")
        try:
            util.write_nonblock(client, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + page)
        except OSError:
            self.log.debug("Failed to send error message.")
