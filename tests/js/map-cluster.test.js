// The establishments' markers (assets/21d-map-views.js): grouped by dash-leaflet's clustering, fed the
// view's own establishments, never Tab stops. Its own file: the views keep state in their module.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const NO_UPDATE = "no-update";
const sent = [];
global.window = {
  dash_clientside: {
    no_update: NO_UPDATE,
    set_props: (id, props) => sent.push({ id, props }),
    callback_context: { triggered: [], outputs_list: [{ id: "map-etablissements", property: "hideout" }] },
  },
  erbmIds: { dashboard: {}, mapLayers: { etablissements: "map-etablissements" } },
  // Leaflet's public constructors, recording their options.
  L: { marker: (latlng, options) => ({ latlng, options, bindTooltip() {} }), divIcon: (options) => options },
};
const map = require(path.join(__dirname, "..", "..", "assets", "21d-map-views.js"));

function point(id, categorie, editions, lonlat) {
  return {
    type: "Feature",
    properties: { id, nom: id, commune: "Lens", categorie, theme: "", editions, fan: [15, 0], at: lonlat },
    geometry: { type: "Point", coordinates: lonlat },
  };
}

const FEATURES = [
  point("h1", "sanitaire", ["2019", "2024"], [2.83, 50.43]),
  point("h2", "sanitaire", ["2024"], [2.83, 50.43]),
  point("m1", "medico-social", ["2024"], [3.0, 50.5]),
];
const CONFIG = {
  withData: ["etablissements"],
  establishmentsUrl: "/assets/etablissements.geojson",
  domain: { notLoaded: "NR", categories: ["sanitaire", "medico-social", "dispositif"], editions: ["2019", "2024"] },
  symbols: { sanitaire: { color: "#fff", line: "#000", letter: "H", shape: "circle" } },
  text: { categories: { sanitaire: "Établissements de santé" }, cluster: "{count} établissements proches" },
  themeCategories: {},
  markerScale: 1,
};
global.fetch = async () => ({ json: async () => ({ type: "FeatureCollection", features: FEATURES }) });

test("the establishments' layer gets the view's establishments as data, with its hideout", async () => {
  const out = await map.apply("2019", "2025", ["sanitaire"], "", "", "", null, null, null, { config: CONFIG });
  // Sent in one set_props (one redraw), so the callback's own output is no_update.
  assert.deepEqual(out, [NO_UPDATE]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].id, "map-etablissements");
  const { data, hideout } = sent[0].props;
  // Only what the view shows: a group never counts a hidden place.
  assert.deepEqual(data.features.map((f) => f.properties.id), ["h1"]);
  assert.equal(hideout.view.edition, "2019");
});

test("the establishments data is filtered by edition and category", () => {
  const view = { edition: "2024", layers: ["sanitaire", "medico-social"], theme: "" };
  const ids = map.establishmentsData(FEATURES, view, CONFIG).features.map((f) => f.properties.id);
  assert.deepEqual(ids, ["h1", "h2", "m1"]);
});

test("a group shows its count, and neither a group nor a marker is a Tab stop", () => {
  const context = { hideout: { config: CONFIG, view: {} } };
  const group = map.clusterToLayer({ properties: { cluster: true, point_count: 7 } }, [50, 3], null, context);
  assert.match(group.options.icon.html, />7</);
  assert.equal(group.options.title, "7 établissements proches");
  assert.equal(group.options.keyboard, false);
  const feature = { ...FEATURES[0], properties: { ...FEATURES[0].properties, at: [2.83, 50.43] } };
  const marker = map.pointToLayer(feature, [50.43, 2.83], context);
  assert.equal(marker.options.keyboard, false);
});

test("a marker keeps its fan at its town hall, not where a group spread it", () => {
  const context = { hideout: { config: CONFIG, view: {} } };
  const home = { ...FEATURES[0], properties: { ...FEATURES[0].properties, at: [2.83, 50.43] } };
  const spread = { ...home, geometry: { type: "Point", coordinates: [2.84, 50.44] } };
  const anchor = (f) => map.pointToLayer(f, [0, 0], context).options.icon.iconAnchor;
  assert.deepEqual(anchor(home), [11 - 15, 11]);
  assert.deepEqual(anchor(spread), [11, 11]);
});

test("a group passes the filter; a spread group's leg does not", () => {
  const context = { hideout: { config: CONFIG, view: { edition: "2024", layers: ["sanitaire"], seq: 1 } } };
  assert.equal(map.filters.etablissements({ properties: { cluster: true } }, context), true);
  assert.equal(map.filters.etablissements({ properties: { id: 3 } }, context), false);
});
