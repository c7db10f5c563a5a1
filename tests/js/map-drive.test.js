// The map's drive (assets/21c-map-drive.js) on a stand-in Leaflet map: attached once, the test
// contract on its container (data-bounds, data-painted, data-ready), names by zoom, the home
// view kept on a resize, touch gestures only on a touch screen, « Recentrer ».
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { NO_UPDATE, element, fakeLeaflet, fakeMap, frames, fresh, tick } = require("./map-fakes.js");

const HOME = { bounds: [[50.2, 2.4], [50.7, 3.3]], padding: [12, 12] };
const CONFIG = { home: HOME, text: { mapKeyboard: "Carte : flèches", touch: "Deux doigts", scroll: "Ctrl + molette" } };
const IDS = { dashboard: { MAP: "map", MAP_GESTURES: "map-gestures", SEARCH_HINT: "search-hint" }, mapLayers: {} };

/** A browser with or without a touch screen, Dash's clientside API recording ``set_props``. */
function browser({ touch = false } = {}) {
  const sent = [];
  global.window = {
    L: fakeLeaflet(),
    erbmIds: IDS,
    matchMedia: (query) => ({ matches: touch && query === "(pointer: coarse)" }),
    dash_clientside: { no_update: NO_UPDATE, set_props: (id, props) => sent.push({ id, props }) },
  };
  global.document = { getElementById: (id) => (id === "search-hint" ? {} : null) };
  return sent;
}

/** The context dash-leaflet hands a layer's functions. */
function context(map, seq = 0, config = CONFIG) {
  return { map, hideout: { config, view: { seq, layers: [] } } };
}

test("the first layer that draws attaches the map once: named, described, bounds written", () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  drive.styles.voisins({}, { ...context(map), hideout: { ...context(map).hideout, config: { ...CONFIG, symbols: {} } } });
  drive.filters.epci({}, context(map));
  const el = map.getContainer();
  assert.equal(drive.state.map, map);
  assert.equal(el.attributes["aria-label"], "Carte : flèches");
  assert.equal(el.attributes["aria-describedby"], "search-hint");
  assert.equal(el.dataset.bounds, "2.50000,50.25000,3.25000,50.65000");
  assert.equal(el.dataset.zoom, "9");
  assert.deepEqual(Object.keys(map.handlers).sort(), ["moveend", "resize", "zoomend"]);
  assert.equal(map.handlers.moveend.length, 1, "a second layer does not attach again");
});

test("a view is painted in the frame after its last layer drew, never backwards", () => {
  browser();
  const raf = frames();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  const el = map.getContainer();
  drive.state.waiting.push({ seq: 1, layers: ["communes", "epci"] });
  drive.drew(context(map, 1), "communes");
  raf.run();
  assert.equal(el.dataset.painted, undefined, "one layer of two has drawn");
  drive.drew(context(map, 1), "epci");
  assert.equal(el.dataset.painted, undefined, "not within the task the layer drew in");
  assert.equal(raf.queue.length, 1);
  raf.queue.shift()();
  assert.equal(el.dataset.painted, "1", "in the frame that paints what the layers drew");
  assert.equal(el.dataset.ready, "true");
  assert.deepEqual(drive.state.waiting, []);
  drive.afterPaint(3);
  drive.afterPaint(2);
  raf.run();
  assert.equal(el.dataset.painted, "3", "an older view painted late does not count");
});

test("the layers' data is loaded once each has drawn a view", async () => {
  browser();
  frames();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  let loaded = false;
  drive.whenLoaded(["communes", "epci"]).then(() => { loaded = true; });
  drive.drew(context(map, 0), "communes");
  await tick();
  assert.equal(loaded, false);
  drive.drew(context(map, 0), "epci");
  await tick();
  assert.equal(loaded, true);
  assert.equal(await drive.whenLoaded(["communes"]).then(() => "now"), "now");
});

test("what waits for the map runs in the task after its first layer drew, once", async () => {
  browser();
  frames();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  const seen = [];
  drive.whenAttached((m) => seen.push(m));
  drive.drew(context(map, 0), "communes");
  assert.deepEqual(seen, [], "not within the layer's own drawing");
  await tick();
  drive.drew(context(map, 0), "epci");
  await tick();
  assert.deepEqual(seen, [map]);
});

test("names show from their own first zoom, town names later beside EPCI names", () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const town = { dataset: { minzoom: "10", minzoomEpci: "11" }, hidden: false };
  const big = { dataset: { minzoom: "8", minzoomEpci: "8" }, hidden: true };
  const map = fakeMap({ zoom: 10, labels: [town, big] });
  drive.showLabels(map);
  assert.deepEqual([town.hidden, big.hidden], [false, false]);
  drive.state.view = { layers: ["epci"] };
  drive.showLabels(map);
  assert.deepEqual([town.hidden, big.hidden], [true, false]);
  map.zoom = 7.5;
  map.fire("zoomend");
  assert.equal(big.hidden, false, "the map is not attached: its events are not the drive's yet");
  drive.drew(context(map), "noms");
  map.fire("zoomend");
  assert.equal(big.hidden, true);
});

test("a resize keeps the whole territory in view, unless the user moved away", () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  map.fitBounds(HOME.bounds);
  map.fitted.length = 0;
  drive.drew(context(map), "communes");
  map.fire("resize");
  assert.deepEqual(map.fitted.map((f) => f.opts), [{ padding: [12, 12], animate: false }]);
  map.zoom = 11;
  map.fire("moveend");
  map.fire("resize");
  assert.equal(map.fitted.length, 1, "moved away: the resize leaves the view as it is");
});

test("« Recentrer » fits the territory again and changes no prop", () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  assert.equal(drive.recentre(1), NO_UPDATE, "no map yet: nothing to fit");
  drive.drew(context(map), "communes");
  map.zoom = 12;
  assert.equal(drive.recentre(0), NO_UPDATE);
  assert.equal(map.fitted.length, 0, "no click, no fit");
  assert.equal(drive.recentre(1), NO_UPDATE);
  assert.deepEqual(map.fitted[0].bounds, HOME.bounds);
  assert.equal(map.zoom, 9);
});

test("a touch screen gets dash-leaflet's GestureHandling, in the interface's words", async () => {
  const sent = browser({ touch: true });
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap();
  drive.drew(context(map), "communes");
  assert.deepEqual(sent, [], "not while the layer draws (a React render)");
  await tick();
  assert.deepEqual(sent, [{
    id: "map-gestures",
    props: { children: [{ namespace: "dash_leaflet", type: "GestureHandling", props: {} }] },
  }]);
  assert.deepEqual(map.options.gestureHandlingText,
    { touch: "Deux doigts", scroll: "Ctrl + molette", scrollMac: "Ctrl + molette" });
  assert.deepEqual(map.getContainer().classes, ["erbm-gestures"], "one finger keeps scrolling the page");
});

test("a desktop keeps its wheel and mouse drag: no GestureHandling", async () => {
  const sent = browser({ touch: false });
  const drive = fresh("21c-map-drive.js");
  assert.equal(drive.touchScreen(), false);
  assert.equal(drive.gestures(fakeMap(), CONFIG), false);
  window.L.Browser.mobile = true;
  assert.equal(drive.touchScreen(), true, "a mobile browser is a touch screen, whatever its pointer");
  await tick();
  assert.deepEqual(sent, []);
});

test("a map that does not move (the presentation's) or a page without Dash gets no gestures", () => {
  browser({ touch: true });
  const drive = fresh("21c-map-drive.js");
  assert.equal(drive.gestures(fakeMap({ dragging: false }), CONFIG), false);
  window.dash_clientside = { no_update: NO_UPDATE };
  assert.equal(drive.gestures(fakeMap(), CONFIG), false, "the deck file has no Dash");
});

test("commune paths leave the Tab order; their tooltip words the view applied", () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const path = element();
  const layer = {
    handlers: {},
    on(name, fn) { this.handlers[name] = fn; },
    getElement: () => path,
    bindTooltip(fn, options) { this.tooltip = fn; this.tooltipOptions = options; },
  };
  const config = {
    zones: {}, domain: { contractTypes: {} }, text: { zone: "Zonage {vintage}", contracts: "Contrats en {edition}", none: "aucun" },
  };
  const feature = { properties: { nom: "Lens", zones: {}, cpts: [] } };
  drive.onEachCommune(feature, layer, { hideout: { config, view: { edition: "2019" } } });
  layer.handlers.add();
  assert.equal(path.attributes.tabindex, "-1");
  assert.equal(layer.tooltipOptions.sticky, true);
  assert.match(layer.tooltip(), /Contrats en 2019/);
  drive.state.view = { edition: "2024" };
  assert.match(layer.tooltip(), /Contrats en 2024/, "the view applied since the layer drew");
});

test("names are shown by zoom once per draw of their layer, not once per name", async () => {
  browser();
  const drive = fresh("21c-map-drive.js");
  const label = { dataset: { minzoom: "12", minzoomEpci: "12" }, hidden: false };
  const map = fakeMap({ labels: [] });
  drive.drew(context(map), "noms");
  let scans = 0;
  map.container.querySelectorAll = () => { scans += 1; return [label]; };
  for (let i = 0; i < 50; i += 1) { assert.equal(drive.onEachLabel({}, i), i); }
  await tick();
  assert.equal(scans, 1);
  assert.equal(label.hidden, true);
});

test("zooming deeper than the names were made draws their layer again with that zoom, once", () => {
  const sent = browser();
  window.erbmIds = { ...IDS, mapLayers: { noms: "map-noms" } };
  const drive = fresh("21c-map-drive.js");
  const map = fakeMap({ zoom: 9 });
  drive.state.config = CONFIG;
  drive.state.view = { seq: 1, layers: [] };
  drive.drew(context(map), "noms");
  map.zoom = 9.5;
  map.fire("zoomend");
  assert.equal(sent.filter((s) => s.id === "map-noms").length, 0, "the names of zoom 9 are made");
  map.zoom = 10.25;
  map.fire("zoomend");
  const asked = sent.filter((s) => s.id === "map-noms");
  assert.equal(asked.length, 1);
  assert.equal(asked[0].props.hideout.labelZoom, 10);
  assert.deepEqual(asked[0].props.hideout.view, drive.state.view, "the view applied, unchanged");
  map.zoom = 9;
  map.fire("zoomend");
  map.zoom = 10;
  map.fire("zoomend");
  assert.equal(sent.filter((s) => s.id === "map-noms").length, 1, "made already: not again");
});
