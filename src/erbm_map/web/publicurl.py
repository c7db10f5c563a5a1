"""The site's public address: where the permalink and the QR code of a printed sheet point.

A sheet (``/fiche``, ``/fiche.pdf``) carries a link to its view, as text and as a QR
code, read long after printing. Built from the request's ``Host`` header, anyone could
make the server print a link to another site (``Host: evil.example``), under the
ARS's name, and the PDF cache would keep it for the next reader. So the address is, in
order:

1. ``ERBM_PUBLIC_URL`` (``https://carte.example.fr``): behind nginx, the only way to get
   the scheme and host users see (gunicorn sees ``http://127.0.0.1:8050``);
2. the request's host, when its name is in ``ERBM_ALLOWED_HOSTS`` (comma-separated;
   default ``localhost``, ``127.0.0.1``, ``::1`` and the public URL's host): the dev
   server and a laptop;
3. otherwise :data:`FALLBACK_URL`, a local address that leads nowhere else.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

#: Where a link points when no public URL is set and the request's host is not allowed.
FALLBACK_URL = "http://localhost:8050"
#: Host names always allowed when ``ERBM_ALLOWED_HOSTS`` is not set.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class PublicUrlError(ValueError):
    """``ERBM_PUBLIC_URL`` is not an http(s) address; the message is French."""


def public_url() -> str | None:
    """``ERBM_PUBLIC_URL`` without its trailing slash, None when unset; refused when malformed."""
    text = os.environ.get("ERBM_PUBLIC_URL", "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise PublicUrlError(
            f"ERBM_PUBLIC_URL={text!r} invalide : adresse http(s) attendue, "
            "par exemple https://carte.example.fr"
        )
    return text.rstrip("/")


def allowed_hosts(public: str | None = None) -> frozenset[str]:
    """Host names (lower case, no port) whose requests may name the links' host."""
    text = os.environ.get("ERBM_ALLOWED_HOSTS", "")
    names = {name.strip().lower() for name in text.split(",") if name.strip()}
    if not text.strip():
        names.update(LOCAL_HOSTS)
        if public:
            names.add((urlsplit(public).hostname or "").lower())
    return frozenset(names)


def _host_name(host: str) -> str:
    """``example.fr:8050`` -> ``example.fr``; ``[::1]:8050`` -> ``::1``; "" when unreadable."""
    try:
        return (urlsplit(f"//{host}").hostname or "").lower()
    except ValueError:
        return ""


def link_base(host_url: str, host: str, public: str | None, allowed: frozenset[str]) -> str:
    """The scheme and host of links, without a trailing slash (see the module's docstring).

    ``host_url`` and ``host`` are the request's (``request.host_url``, ``request.host``).
    """
    if public:
        return public
    if _host_name(host) in allowed:
        return host_url.rstrip("/")
    return FALLBACK_URL
