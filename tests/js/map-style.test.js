// How the map's rule draws (assets/21b-map-style.js): styles and filters with the paint-tracking
// hook a test installs, tooltips, names and markers built with a stand-in for Leaflet.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

// Leaflet's public constructors, recording their options.
global.window = {
  L: {
    marker: (latlng, options) => ({ latlng, options, tooltip: null, bindTooltip(html) { this.tooltip = html; } }),
    divIcon: (options) => options,
  },
};
const style = require(path.join(__dirname, "..", "..", "assets", "21b-map-style.js"));

const CONFIG = {
  domain: { notLoaded: "NR", categories: ["sanitaire"], allThemes: "tous", contractTypes: { cls: "CLS", clsm: "CLSM" } },
  zones: { ZAC: { color: "#zac", label: "ZAC — zone d'action complémentaire" } },
  symbols: {
    communes: { color: "#plain", line: "#edge", width: "0.5" },
    zone: { line: "#zoneedge", width: "0.8" },
    epci: { line: "#epci", width: "2", linestyle: "dashed" },
    cls: { line: "#cls" },
    sanitaire: { color: "#fill", line: "#line", letter: "H", shape: "square" },
  },
  text: {
    zone: "Zonage {vintage}", contracts: "Contrats en {edition}", none: "aucun",
    categories: { sanitaire: "Établissements de santé" },
  },
  themeCategories: {},
  markerScale: 1,
};
const VIEW = { edition: "2024", vintage: "2025", layers: ["zonage", "cls", "sanitaire"], theme: "", commune: "62498", epci: "", seq: 3 };
const COMMUNE = {
  insee: "62498", nom: "Lens", zones: { 2025: "ZAC", 2026: "QPV" }, cls: ["2024"], clsm: ["2019", "2024"], cpts: [],
};

function recorded() {
  const calls = [];
  const functions = style.layerFunctions((context, layer) => calls.push([context, layer]));
  return { calls, ...functions };
}

test("every style and filter reports its layer to the hook before it decides", () => {
  const { calls, styles, filters } = recorded();
  const context = { hideout: { config: CONFIG, view: VIEW } };
  const feature = { properties: { ...COMMUNE, layer: "cls", edition: "2024", kind: "commune", categorie: "sanitaire", editions: ["2024"] } };
  for (const fn of Object.values(styles)) { fn(feature, context); }
  for (const fn of Object.values(filters)) { fn(feature, context); }
  assert.deepEqual(calls.map(([, layer]) => layer), [
    "voisins", "communes", "contrats", "epci", "perimetre", "selection", "selection-epci",
    "contrats", "epci", "perimetre", "selection", "selection-epci", "noms", "etablissements",
  ]);
  assert.ok(calls.every(([c]) => c === context), "the hook gets dash-leaflet's context as it came");
});

test("a commune is filled with its zone's colour when zoning is on, else plain", () => {
  const { styles } = recorded();
  const zoned = styles.communes({ properties: COMMUNE }, { hideout: { config: CONFIG, view: VIEW } });
  assert.equal(zoned.fillColor, "#zac");
  assert.equal(zoned.color, "#zoneedge");
  assert.equal(zoned.fillOpacity, 0.9);
  const plain = styles.communes({ properties: COMMUNE }, { hideout: { config: CONFIG, view: { ...VIEW, layers: [] } } });
  assert.equal(plain.fillColor, "#plain");
  assert.equal(plain.weight, 0.5);
  assert.equal(plain.fillOpacity, 1);
});

test("outlines follow their symbol's line style; contracts are bands with no stroke", () => {
  const { styles } = recorded();
  const context = { hideout: { config: CONFIG, view: VIEW } };
  const epci = styles.epci({ properties: {} }, context);
  assert.deepEqual([epci.color, epci.weight, epci.dashArray, epci.fill, epci.interactive], ["#epci", 2, "8 6", false, false]);
  const band = styles.contrats({ properties: { layer: "cls" } }, context);
  assert.deepEqual([band.stroke, band.fillColor], [false, "#cls"]);
});

test("filters keep what the view shows", () => {
  const { filters } = recorded();
  const context = (view) => ({ hideout: { config: CONFIG, view: { ...VIEW, ...view } } });
  assert.equal(filters.contrats({ properties: { layer: "cls", edition: "2024" } }, context({})), true);
  assert.equal(filters.contrats({ properties: { layer: "cls", edition: "2019" } }, context({})), false);
  assert.equal(filters.selection({ properties: { insee: "62498" } }, context({})), true);
  assert.equal(filters.selection({ properties: { insee: "62119" } }, context({})), false);
  assert.equal(filters.selectionEpci({ properties: { epci_siren: "200035" } }, context({ commune: "", epci: "200035" })), true);
  assert.equal(filters.selectionEpci({ properties: { epci_siren: "200035" } }, context({ epci: "200035" })), false,
    "a commune's outline replaces its EPCI's");
  assert.equal(filters.noms({ properties: { kind: "epci" } }, context({})), false);
  assert.equal(filters.noms({ properties: { kind: "epci" } }, context({ layers: ["epci"] })), true);
  assert.equal(filters.noms({ properties: { kind: "commune" } }, context({})), true);
  assert.equal(filters.etablissements({ properties: { categorie: "sanitaire", editions: ["2019"] } }, context({})), false);
  assert.equal(filters.etablissements({ properties: { categorie: "sanitaire", editions: ["2024"] } }, context({})), true);
});

test("a commune's tooltip names it, its zone and its contracts, escaped", () => {
  const view = { edition: "2019", vintage: "2025", layers: [] };
  const html = style.communeTooltip({ ...COMMUNE, nom: "Lens <b>" }, view, CONFIG);
  assert.match(html, /Lens &lt;b&gt;/);
  assert.match(html, /Zonage 2025 : ZAC — zone d&#39;action complémentaire/);
  assert.match(html, /Contrats en 2019 : CLSM/);
  const none = style.communeTooltip({ ...COMMUNE, cls: [], clsm: [] }, view, CONFIG);
  assert.match(none, /Contrats en 2019 : aucun/);
  const cpts = style.communeTooltip({ ...COMMUNE, cls: [], clsm: [], cpts: ["CPTS Lens-Liévin"] }, view, CONFIG);
  assert.match(cpts, /Contrats en 2019 : CPTS Lens-Liévin/);
});

test("markers fanned out at one town hall keep their own place and letter", () => {
  const sym = { color: "#0072B2", line: "#FFFFFF", letter: "H", shape: "circle" };
  const centre = style.markerIcon(sym, [0, 0], 1);
  const fanned = style.markerIcon(sym, [15, 0], 1);
  assert.deepEqual(centre.iconAnchor, [11, 11]);
  assert.deepEqual(fanned.iconAnchor, [-4, 11]);
  assert.match(fanned.html, />H</);
  assert.match(fanned.className, /erbm-marker--circle/);
  assert.deepEqual(style.markerIcon(sym, null, 2).iconSize, [44, 44], "the scale sizes the marker");
});

test("a name is a label in its pane with its first zooms; only an EPCI's is clickable", () => {
  const context = { hideout: { config: CONFIG, view: VIEW }, pane: "erbm-noms" };
  const town = style.pointToLayer({ properties: { kind: "commune", nom: "Liévin & co", minzoom: 9, minzoomEpci: 10 } }, [50, 2], context);
  assert.equal(town.options.pane, "erbm-noms");
  assert.equal(town.options.interactive, false);
  assert.equal(town.options.keyboard, false);
  assert.match(town.options.icon.html, /data-minzoom="9" data-minzoom-epci="10">Liévin &amp; co</);
  const epci = style.pointToLayer({ properties: { kind: "epci", nom: "CALL", minzoom: 7 } }, [50, 2], { ...context, pane: undefined });
  assert.equal(epci.options.interactive, true);
  assert.equal(epci.options.title, "CALL");
  assert.equal(epci.options.pane, "markerPane");
});

test("an establishment's marker says its name, commune and category", () => {
  const context = { hideout: { config: CONFIG, view: VIEW } };
  const feature = { properties: { nom: "CH Lens", commune: "Lens", categorie: "sanitaire", fan: [0, 0] }, geometry: { coordinates: [2.8, 50.4] } };
  const marker = style.pointToLayer(feature, [50.4, 2.8], context);
  assert.equal(marker.options.title, "CH Lens");
  assert.match(marker.options.icon.className, /erbm-marker--square/);
  assert.equal(marker.tooltip, "<strong>CH Lens</strong><br>Lens<br>H — Établissements de santé");
});

test("a point is in place unless a group spread it away from where its data put it", () => {
  assert.equal(style.inPlace({ properties: {}, geometry: { coordinates: [1, 2] } }), true);
  assert.equal(style.inPlace({ properties: { at: [1, 2] }, geometry: { coordinates: [1, 2] } }), true);
  assert.equal(style.inPlace({ properties: { at: [1, 2] }, geometry: { coordinates: [1, 3] } }), false);
});

test("a group's marker shows its count at the configured scale", () => {
  const context = { hideout: { config: { ...CONFIG, markerScale: 2, text: { cluster: "{count} lieux" } }, view: VIEW } };
  const group = style.clusterToLayer({ properties: { cluster: true, point_count: 12 } }, [50, 2], 0, context);
  assert.deepEqual(group.options.icon.iconSize, [56, 56]);
  assert.match(group.options.icon.html, /font-size:26px">12</);
  assert.equal(group.options.title, "12 lieux");
});

test("a name is made only from its first zoom in any view: the map's zoom, or a deeper one asked for", () => {
  const { filters } = recorded();
  const at = (zoom, labelZoom) => ({
    map: { getZoom: () => zoom }, hideout: { config: CONFIG, view: VIEW, labelZoom },
  });
  const town = { properties: { kind: "commune", minzoom: 11, minzoomEpci: 10 } };
  assert.equal(filters.noms(town, at(9.75)), false, "below both of its first zooms");
  assert.equal(filters.noms(town, at(10)), true, "beside EPCI names it shows from 10");
  assert.equal(filters.noms(town, at(9, 10)), true, "the drive asked for the names of zoom 10");
  assert.equal(filters.noms(town, { hideout: { config: CONFIG, view: VIEW } }), true, "no map: every name");
});
