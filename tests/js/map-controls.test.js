// The zoom buttons' French names (assets/23-map-controls.js), on a minimal stand-in for the DOM.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const controls = require(path.join(__dirname, "..", "..", "assets", "23-map-controls.js"));

function button(frame) {
  const attributes = { title: frame ? "Zoom in" : "x" };
  return {
    attributes,
    closest: () => frame,
    getAttribute: (name) => attributes[name],
    setAttribute: (name, value) => { attributes[name] = value; },
  };
}

test("zoom buttons take the French words of their map frame, once", () => {
  const frame = { dataset: { zoomIn: "Zoom avant", zoomOut: "Zoom arrière" } };
  const zoomIn = button(frame);
  const zoomOut = button(frame);
  const root = {
    querySelectorAll: (selector) => (selector.endsWith("-in") ? [zoomIn] : [zoomOut]),
  };
  assert.equal(controls.nameZoomButtons(root), 2);
  assert.equal(zoomIn.attributes.title, "Zoom avant");
  assert.equal(zoomIn.attributes["aria-label"], "Zoom avant");
  assert.equal(zoomOut.attributes.title, "Zoom arrière");
  assert.equal(zoomOut.attributes["aria-label"], "Zoom arrière");
  assert.equal(controls.nameZoomButtons(root), 0, "a second pass changes nothing (no observer loop)");
});

test("a zoom button outside a named frame is left as Leaflet made it", () => {
  const lone = button(null);
  const root = { querySelectorAll: (selector) => (selector.endsWith("-in") ? [lone] : []) };
  assert.equal(controls.nameZoomButtons(root), 0);
  assert.equal(lone.attributes.title, "x");
});
