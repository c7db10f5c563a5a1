"""Component libraries the first view does not need, kept out of the page's scripts until asked for.

Dash serves the main bundle of every component library the process has imported, with every
page: AG Grid's is 1.3 MB (345 kB as sent) and takes ~120 ms to run on a desktop, ~0.5 s on
a phone, for a grid that only the table and changes views show. Through Dash's documented
``interpolate_index`` hook, its ``<script>`` tag is written inert (a type browsers neither
fetch nor run) with a ``data-deferred`` name; ``assets/17-deferred.js`` makes it live when a
view that needs it first opens, and the callback rendering the grid waits for it. Nothing of
Dash itself is patched: the renderer finds the library on ``window`` when it first renders one
of its components, as it would have at start-up.

Dash also sends its polyfill bundle (``@babel/polyfill`` 7, 100 kB) with every page. Every
browser with ES modules has what it adds, save the ``regeneratorRuntime`` global that dcc and
the renderer call when they load a lazy component; yet running it took ~100 ms on a desktop
(~0.4 s on a phone), the largest script cost of a first visit, and it replaces built-ins
(``String.prototype.trim``) with slower ones. Its tag gets ``nomodule``: only a browser without
ES modules runs it. The others get ``regeneratorRuntime`` from the published
``regenerator-runtime`` (``assets/vendor``), in our scripts' bundle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dash import Dash

#: The ``type`` of an inert script tag: not a JavaScript type, so never fetched nor run.
INERT_TYPE = "text/x-erbm-deferred"


def _tag(package: str) -> re.Pattern[str]:
    """A library's main bundle tag in Dash's scripts (``/_dash-component-suites/<pkg>/<pkg>.…js``)."""
    name = re.escape(package)
    return re.compile(rf'<script src="([^"]*/_dash-component-suites/{name}/{name}\.[^"]*\.js)"></script>')


def defer_scripts(scripts: str, deferred: Mapping[str, str]) -> str:
    """``scripts`` with each library of ``deferred`` (name → package) written as an inert tag."""
    for name, package in deferred.items():
        scripts = _tag(package).sub(
            lambda found, name=name: (
                f'<script type="{INERT_TYPE}" data-deferred="{name}" src="{found[1]}"></script>'
            ),
            scripts,
        )
    return scripts


#: Dash's polyfill bundle (``dash/deps/polyfill@7…``), the tag's opening part.
POLYFILL = re.compile(r'<script (src="[^"]*/_dash-component-suites/dash/deps/polyfill@[^"]*\.js")>')


def legacy_only(scripts: str) -> str:
    """``scripts`` with Dash's polyfill run only by browsers without ES modules (``nomodule``)."""
    return POLYFILL.sub(r"<script nomodule \1>", scripts)


def register_deferred(app: Dash, deferred: Mapping[str, str]) -> None:
    """Write the ``deferred`` libraries' tags inert, and the polyfill's legacy-only, in ``app``'s pages."""
    original = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        kwargs["scripts"] = legacy_only(defer_scripts(kwargs["scripts"], deferred))
        return original(**kwargs)

    app.interpolate_index = interpolate_index
