"""Zones can be told apart without colour: the card's badge and the legend's swatches carry text."""

from __future__ import annotations

from dash import html

from erbm_map.dashboard.layout.cards import create_commune_card
from erbm_map.dashboard.layout.legend import legend_items
from erbm_map.reports import commune_report


def walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from walk(child)
    elif children is not None:
        yield from walk(children)


def text_of(node) -> str:
    children = getattr(node, "children", node)
    if isinstance(children, str):
        return children
    if isinstance(children, (list, tuple)):
        return "".join(text_of(c) for c in children)
    return "" if children is None else text_of(children)


def test_each_zone_badge_has_its_own_text(bundle):
    vintage = bundle.latest_vintage
    badges = {}
    for zone, rows in bundle.zoning[vintage].groupby(bundle.zoning[vintage]):
        card = html.Div(create_commune_card(commune_report(bundle, rows.index[0], "2024", vintage)))
        badge = next(n for n in walk(card) if "zone-badge" in (getattr(n, "className", "") or ""))
        badges[zone] = text_of(badge)
        assert badges[zone].strip(), zone
        short = str(bundle.zones.at[zone, "short_label"])
        assert short in badges[zone] or badges[zone] == bundle.zones.at[zone, "label"], zone
    assert len(set(badges.values())) == len(badges) >= 3


def test_each_zone_swatch_in_the_legend_shows_its_code(bundle):
    legend = html.Ul(legend_items(bundle))
    for vintage in bundle.vintages:
        items = [
            n
            for n in walk(legend)
            if isinstance(n, html.Li)
            and n.className == "legend-item"
            and getattr(n, "data-layer", None) == "zonage"
            and getattr(n, "data-vintage", None) == vintage
        ]
        codes = [text_of(item.children[0]) for item in items]
        assert codes and all(codes), vintage
        assert len(set(codes)) == len(codes), codes
        present = set(bundle.zoning[vintage].unique())
        assert set(codes) == {str(bundle.zones.at[z, "short_label"]) for z in present}


def test_the_legend_names_each_vintage_once_and_counts_its_zones(bundle):
    """One heading per vintage, then « 61 communes · 260 710 hab. · 20 % » on each zone."""
    legend = html.Ul(legend_items(bundle))
    for vintage in bundle.vintages:
        headings = [
            n
            for n in walk(legend)
            if isinstance(n, html.Li)
            and n.className == "legend-heading"
            and getattr(n, "data-vintage", None) == vintage
        ]
        assert len(headings) == 1 and vintage in text_of(headings[0])
        items = [
            text_of(n)
            for n in walk(legend)
            if isinstance(n, html.Li)
            and n.className == "legend-item"
            and getattr(n, "data-vintage", None) == vintage
        ]
        assert all(vintage not in item for item in items)
        zoning = bundle.zoning[vintage][bundle.communes["bassin_minier"].astype(bool)]
        for zone, count in zoning.value_counts().items():
            line = next(i for i in items if i.startswith(str(bundle.zones.at[zone, "short_label"])))
            assert f"{count} commune" in line and "hab." in line and "%" in line, line


def test_each_zone_code_reads_on_its_swatch(bundle):
    """The ramp runs from dark brown to near-white: each code takes the ink its fill needs (WCAG AA)."""

    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    swatches = [
        n.children[0].style
        for n in walk(html.Ul(legend_items(bundle)))
        if isinstance(n, html.Li) and n.className == "legend-item" and getattr(n, "data-vintage", None)
    ]
    assert swatches
    for style in swatches:
        low, high = sorted((luminance(style["background"]), luminance(style["color"])))
        assert (high + 0.05) / (low + 0.05) >= 4.5, style


def test_a_view_legend_holds_only_what_its_map_draws(bundle):
    """Rendered per view on the server: the other vintages, editions and hidden layers are not in it."""
    from erbm_map.core.state import ViewState
    from erbm_map.dashboard.layout.legend import legend_items, view_legend

    latest = bundle.domain.latest_edition
    state = ViewState.default(bundle).with_(layers=("zonage", "cls"))
    items = view_legend(legend_items(bundle), state)
    layers = {getattr(i, "data-layer", "") for i in items}
    assert layers == {"zonage", "cls", "voisins"}
    assert {getattr(i, "data-edition", "") for i in items} <= {"", latest}
    assert {getattr(i, "data-vintage", "") for i in items} <= {"", bundle.latest_vintage}
    selected = view_legend(
        legend_items(bundle), state.with_(commune=bundle.communes.index[0], epci=bundle.epci.index[0])
    )
    assert "selection" in {getattr(i, "data-layer", "") for i in selected}
    assert "selection-epci" not in {getattr(i, "data-layer", "") for i in selected}
