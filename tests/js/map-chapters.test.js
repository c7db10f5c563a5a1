// The presentation's chapters on the map (assets/21e-map-chapters.js): a chapter's view and
// frame, Dash's callback for a chapter, and the key press that applies it ahead of Dash.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { NO_UPDATE, fakeLeaflet, fakeMap, frames, fresh, tick } = require("./map-fakes.js");

const LAYER_IDS = { communes: "map-communes", selection: "map-selection" };
const HOME = { bounds: [[50, 2], [51, 3]], padding: [12, 12] };
const CONFIG = { withData: ["communes", "selection"], domain: { categories: [] }, home: HOME };
const BASE = { edition: "2024", vintage: "2025", layers: [], theme: "", commune: "", epci: "" };
const DECK = {
  chapters: [
    { map: true, layers: ["zonage"], theme: "" },
    { map: true, layers: ["zonage"], commune: "62498", bounds: [[50.4, 2.8], [50.5, 2.9]] },
    { map: false },
  ],
};

function dash() {
  const sent = [];
  global.window = {
    L: fakeLeaflet(),
    erbmIds: { dashboard: { MAP: "map" }, mapLayers: LAYER_IDS },
    dash_clientside: {
      no_update: NO_UPDATE,
      set_props: (id, props) => sent.push({ id, props }),
      callback_context: { triggered: [], outputs_list: [{ id: "map-communes" }, { id: "map-selection" }] },
    },
  };
  return sent;
}

/** The layers draw view ``seq``. */
function draw(chapters, seq, map) {
  const context = { map, hideout: { config: CONFIG, view: { seq } } };
  chapters.styles.communes({ properties: { zones: {} } }, context);
  chapters.filters.selection({ properties: {} }, context);
}

test("a chapter's view keeps the edition and vintage and frames its own box, else the territory", () => {
  dash();
  const chapters = fresh("21e-map-chapters.js");
  const whole = chapters.chapterView(DECK.chapters[0], { ...BASE, layers: ["cls"], commune: "62119" }, CONFIG);
  assert.deepEqual(whole.view, { ...BASE, layers: ["zonage"] });
  assert.deepEqual(whole.viewport, { bounds: HOME.bounds, options: { padding: [12, 12], animate: false } });
  const place = chapters.chapterView(DECK.chapters[1], { ...BASE, edition: "2019" }, CONFIG);
  assert.equal(place.view.edition, "2019");
  assert.equal(place.view.commune, "62498");
  assert.deepEqual(place.viewport.bounds, DECK.chapters[1].bounds);
  assert.equal(place.viewport.options.maxZoom, 12);
});

test("Dash's chapter callback sends the chapter's hideouts and its frame", async () => {
  dash();
  frames();
  const chapters = fresh("21e-map-chapters.js");
  const map = fakeMap();
  draw(chapters, 0, map);
  const out = await chapters.chapter(1, DECK, { config: CONFIG, view: BASE });
  assert.equal(out.length, 3, "one hideout per layer, then the map's viewport");
  assert.equal(out[1].view.commune, "62498");
  assert.deepEqual(out[2].bounds, DECK.chapters[1].bounds);
});

test("a chapter without a map leaves it as it is and still reports it painted", async () => {
  dash();
  const raf = frames();
  const chapters = fresh("21e-map-chapters.js");
  const map = fakeMap();
  draw(chapters, 0, map);
  const out = chapters.chapter(2, DECK, { config: CONFIG, view: BASE });
  assert.deepEqual(out, [NO_UPDATE, NO_UPDATE, NO_UPDATE]);
  await tick();
  raf.run();
  assert.equal(map.getContainer().dataset.painted, "1");
});

test("a key press applies the chapter ahead of Dash; Dash's round then changes nothing", async () => {
  const sent = dash();
  frames();
  const chapters = fresh("21e-map-chapters.js");
  const map = fakeMap();
  chapters.chapterNow(1);
  assert.deepEqual(sent, [], "before Dash's first round there is no deck to read");
  draw(chapters, 0, map);
  await chapters.chapter(0, DECK, { config: CONFIG, view: BASE });
  draw(chapters, 1, map);
  chapters.chapterNow(1);
  await tick();
  await tick();
  assert.deepEqual(sent.map((s) => s.id), ["map-selection", "map"]);
  assert.equal(sent[0].props.hideout.view.commune, "62498");
  assert.deepEqual(sent[1].props.viewport.bounds, DECK.chapters[1].bounds);
  draw(chapters, 2, map);
  const out = await chapters.chapter(1, DECK, { config: CONFIG, view: BASE });
  assert.deepEqual(out, [NO_UPDATE, NO_UPDATE, NO_UPDATE]);
  chapters.chapterNow(2);
  await tick();
  assert.equal(sent.length, 2, "a chapter without a map sends nothing ahead");
});
