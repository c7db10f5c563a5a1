"""Our scripts and style sheets sent as one file each, not one request per file.

Dash links every file of the assets folder on its own: 14 scripts and 6 style sheets, each a
request. On a phone (150 ms round trip, six connections at a time, a new one per request
without a proxy's keep-alive) that is two or three more round trips before the map can start,
and twenty small files compress worse than two. The files stay separate in the repository
(each has its Node test); the server joins them in Dash's own order (file names sorted) and
serves each bundle at a URL versioned by its content, kept a year (``web.server.versioned``).
Dash is told to leave the folder's scripts and styles out (``assets_ignore``); its favicon
is still served from there.

With ``ERBM_DEBUG=1`` Dash links the files itself, so that its hot reload sees an edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response

from erbm_map.core.paths import ROOT
from erbm_map.web.clientids import ids_script_url
from erbm_map.web.hardening import debug_mode
from erbm_map.web.server import add_asset_versions, versioned

#: Dash's ``assets_ignore``: the folder's scripts and styles reach the page through the bundles.
BUNDLED = r"\.(js|css)$"


@dataclass(frozen=True)
class AssetBundle:
    """One served file made of the assets folder's files of one kind, in Dash's order."""

    path: str
    body: str
    mimetype: str

    @property
    def version(self) -> str:
        """The hash of the content: the URL's ``?v=``."""
        return hashlib.sha256(self.body.encode()).hexdigest()[:16]

    @property
    def url(self) -> str:
        """Where a page links it."""
        return f"{self.path}?v={self.version}"


def linked_files(folder: Path, suffix: str) -> list[Path]:
    """The folder's ``suffix`` files in the order Dash links them: folder by folder, then by name.

    Dash walks the assets folder with ``os.walk`` in sorted order, so the top folder's files come
    before those of ``vendor/`` (third-party scripts kept as published, with their licence).
    """
    return sorted(folder.rglob(f"*{suffix}"), key=lambda file: (file.parent, file.name))


def join_files(folder: Path, suffix: str) -> str:
    """The folder's ``suffix`` files, in Dash's order, each under its name.

    A script ends with ``;`` before the next: each is a whole statement (a wrapped factory), so
    the join changes no meaning.
    """
    separator = "\n;\n" if suffix == ".js" else "\n"
    return separator.join(
        f"/* {file.relative_to(folder)} */\n{file.read_text(encoding='utf-8')}"
        for file in linked_files(folder, suffix)
    )


@lru_cache(maxsize=1)
def asset_bundles(folder: Path = ROOT / "assets") -> tuple[AssetBundle, AssetBundle]:
    """(scripts, style sheets), read once per process."""
    return (
        AssetBundle("/erbm-assets.js", join_files(folder, ".js"), "text/javascript"),
        AssetBundle("/erbm-assets.css", join_files(folder, ".css"), "text/css"),
    )


def page_resources() -> dict[str, object]:
    """The ``Dash(...)`` options that link the ids script and the bundles (both apps use them)."""
    if debug_mode():
        return {"external_scripts": [ids_script_url()]}
    scripts, styles = asset_bundles()
    return {
        "assets_ignore": BUNDLED,
        "external_scripts": [ids_script_url(), scripts.url],
        "external_stylesheets": [styles.url],
    }


def register_asset_bundles(server: Flask) -> None:
    """Serve both bundles on ``server``, each kept a year under its own hash only."""
    for bundle in asset_bundles():
        add_asset_versions(server, [bundle.version])

        def serve(bundle: AssetBundle = bundle) -> Response:
            return versioned(Response(bundle.body, mimetype=bundle.mimetype), bundle.version)

        server.add_url_rule(bundle.path, f"erbm_bundle_{bundle.mimetype.split('/')[1]}", serve)
