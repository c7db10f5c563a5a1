// The map's view application (assets/21d-map-views.js): no view is lost when Dash drops a call's result.
// Its own file: applyView keeps state in the module, and node runs each test file apart.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const NO_UPDATE = "no-update";
global.window = { dash_clientside: { no_update: NO_UPDATE } };
const map = require(path.join(__dirname, "..", "..", "assets", "21d-map-views.js"));

const CONFIG = { withData: ["communes"], domain: { notLoaded: "NR", categories: [], editions: ["2019", "2024"] } };
const VIEW = { edition: "2024", vintage: "2025", layers: ["zonage"], theme: "", commune: "", epci: "" };

test("a view superseded before the layers load is sent again by the next call", async () => {
  const outputs = ["communes", "epci"];
  // Dash calls the callback twice while the data loads; it will drop the first call's result.
  const first = map.applyView({ ...VIEW }, { config: CONFIG }, outputs);
  const second = map.applyView({ ...VIEW }, { config: CONFIG }, outputs);
  // The communes layer draws its data (dash-leaflet calls its style function).
  map.styles.communes({ properties: { zones: {} } }, { hideout: { config: CONFIG, view: { seq: 0 } } });
  const [firstOut, secondOut] = await Promise.all([first, second]);
  assert.notEqual(firstOut[0], NO_UPDATE);
  // The layer still waiting for its view gets it again, with the newer sequence number.
  assert.notEqual(secondOut[0], NO_UPDATE);
  assert.ok(secondOut[0].view.seq > firstOut[0].view.seq);
  // The layer whose view is not waiting (no data to draw) is not sent twice.
  assert.equal(secondOut[1], NO_UPDATE);
});
