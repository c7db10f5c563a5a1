// Views applied (assets/21d-map-views.js): Dash's callback picks a click's place, a view already
// applied changes nothing, inputs and clicks apply their view ahead of Dash, the legend follows.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { NO_UPDATE, fakeLeaflet, fakeMap, frames, fresh, tick } = require("./map-fakes.js");

const LAYER_IDS = { communes: "map-communes", selection: "map-selection", noms: "map-noms", etablissements: "map-etab" };
const CONFIG = {
  withData: ["communes", "selection"],
  domain: { notLoaded: "NR", categories: [], editions: ["2019", "2024"] },
  home: { bounds: [[50, 2], [51, 3]], padding: [0, 0] },
};
const OUTPUTS = ["communes", "selection"];

/** Dash's clientside API for a callback that outputs ``layers`` and was triggered by ``trigger``. */
function dash(layers, trigger = "") {
  const sent = [];
  global.window = {
    L: fakeLeaflet(),
    erbmIds: { dashboard: { MAP: "map", EDITION: "edition", LAYERS: "layers", THEME: "theme" }, mapLayers: LAYER_IDS },
    dash_clientside: {
      no_update: NO_UPDATE,
      set_props: (id, props) => sent.push({ id, props }),
      callback_context: {
        triggered: trigger ? [{ prop_id: trigger }] : [],
        outputs_list: layers.map((layer) => ({ id: LAYER_IDS[layer], property: "hideout" })),
      },
    },
  };
  return sent;
}

/** The map's layers draw view ``seq`` (dash-leaflet calls each layer's functions). */
function load(views, seq = 0, map = fakeMap()) {
  const context = { map, hideout: { config: CONFIG, view: { seq } } };
  views.styles.communes({ properties: { zones: {} } }, context);
  views.filters.selection({ properties: {} }, context);
  return map;
}

function apply(views, overrides = {}, config = CONFIG) {
  const a = { edition: "2024", vintage: "2025", layers: ["zonage"], theme: "", commune: "", epci: "", ...overrides };
  return views.apply(a.edition, a.vintage, a.layers, a.theme, a.commune, a.epci,
    a.communeClick || null, null, a.labelClick || null, { config });
}

test("Dash's callback outputs a hideout for the layers whose part of the view changed", async () => {
  dash(OUTPUTS);
  frames();
  const views = fresh("21d-map-views.js");
  const map = load(views);
  const first = await apply(views);
  assert.deepEqual(first.map((h) => h.view.seq), [1, 1]);
  load(views, 1, map);
  assert.deepEqual(first[0].config, CONFIG);
  assert.deepEqual(views.state.hideoutIds, { communes: "map-communes", selection: "map-selection" });
  const commune = await apply(views, { commune: "62498" });
  assert.equal(commune[0], NO_UPDATE, "the communes do not depend on the commune chosen");
  assert.equal(commune[1].view.commune, "62498");
  load(views, 2, map);
  const same = await apply(views, { commune: "62498" });
  assert.deepEqual(same, [NO_UPDATE, NO_UPDATE]);
  assert.equal(views.state.seq, 2, "a view already applied is no new view");
});

test("a click on the map designates the commune of the callback's trigger", async () => {
  dash(OUTPUTS, "map-communes.clickData");
  frames();
  const views = fresh("21d-map-views.js");
  load(views);
  const out = await apply(views, { commune: "", communeClick: { insee: "62119" }, labelClick: { epci: "200035" } });
  assert.equal(out[1].view.commune, "62119");
  assert.equal(out[1].view.epci, "", "the label's old click is not the trigger");
});

test("an edition or a layer ticked applies its view ahead of Dash, through set_props", async () => {
  const sent = dash(OUTPUTS);
  const raf = frames();
  const views = fresh("21d-map-views.js");
  const map = load(views);
  await apply(views);
  raf.run();
  assert.equal(map.getContainer().dataset.painted, undefined, "the layers have not drawn the first view");
  load(views, 1, map);
  raf.run();
  assert.equal(map.getContainer().dataset.painted, "1");
  const box = (value, checked) => ({ value, checked });
  const group = { id: "layers", querySelectorAll: () => [box("zonage", false), box("cls", true)] };
  views.applyNow({ target: { value: "cls", closest: () => group } });
  await tick();
  assert.deepEqual(sent.map((s) => s.id), ["map-communes"], "the communes' zoning goes");
  assert.deepEqual(sent[0].props.hideout.view.layers, ["cls"]);
  load(views, 2, map);
  const edition = { id: "edition" };
  views.applyNow({ target: { value: "2019", closest: () => edition } });
  views.applyNow({ target: { value: "x", closest: () => null } });
  await tick();
  assert.equal(views.state.view.edition, "2019");
  assert.equal(sent.length, 1, "the edition changes neither layer; an input elsewhere nothing");
  // Dash's own round then finds the view applied.
  assert.deepEqual(await apply(views, { edition: "2019", layers: ["cls"] }), [NO_UPDATE, NO_UPDATE]);
});

test("a click on a commune of the perimeter selects it ahead of Dash and reports it", async () => {
  const sent = dash(OUTPUTS);
  frames();
  const views = fresh("21d-map-views.js");
  const map = load(views);
  await apply(views);
  load(views, 1, map);
  const reported = [];
  const ctx = { setProps: (props) => reported.push(props) };
  views.events.commune({ layer: { feature: { properties: { insee: "62498", perimetre: true } } } }, ctx);
  views.events.commune({ layer: { feature: { properties: { insee: "59350", perimetre: false } } } }, ctx);
  views.events.etablissement({ layer: { feature: { properties: { cluster: true } } } }, ctx);
  await tick();
  assert.equal(reported.length, 1);
  assert.equal(reported[0].clickData.insee, "62498");
  assert.equal(typeof reported[0].clickData.at, "number");
  assert.deepEqual(sent.map((s) => [s.id, s.props.hideout.view.commune]), [["map-selection", "62498"]]);
});

test("nothing goes ahead of Dash before Dash's first round", async () => {
  dash(OUTPUTS);
  const views = fresh("21d-map-views.js");
  assert.equal(views.canSendAhead(), false);
  assert.equal(await views.sendAhead({ edition: "2024" }, true), false);
  views.selectNow({ commune: "62498" });
  assert.equal(views.state.view, null);
});

test("a view that changes no layer counts as painted once the layers have their data", async () => {
  dash(OUTPUTS);
  const raf = frames();
  const views = fresh("21d-map-views.js");
  const done = views.paintAsIs(CONFIG);
  await tick();
  assert.equal(raf.queue.length, 0, "the layers have no data yet");
  const map = load(views);
  await done;
  raf.run();
  assert.equal(map.getContainer().dataset.painted, "1");
  assert.equal(map.getContainer().dataset.ready, "true");
});

test("a theme chosen paints with its layers in the same round, before the server ticks them", async () => {
  const config = { ...CONFIG, themeLayers: { femmes: ["perimetre", "dispositif"] } };
  dash(OUTPUTS, "theme.value");
  frames();
  const views = fresh("21d-map-views.js");
  load(views);
  const out = await apply(views, { theme: "femmes" }, config);
  assert.deepEqual(out[0].view.layers, ["zonage", "perimetre", "dispositif"]);
  dash(OUTPUTS, "edition.value");
  const other = await apply(views, { theme: "femmes", edition: "2019" }, config);
  assert.deepEqual(other[0].view.layers, ["zonage"], "only the theme's own choice adds its layers");
});


/** Dash's public ``getLayout`` over ``components`` (id -> props); like Dash 4.4's, it throws
 *  for an id the layout does not hold. */
function layoutApi(components) {
  return {
    getLayout: (id) => {
      if (!components[id]) { throw new TypeError("Cannot read properties of undefined (reading 'length')"); }
      return { props: components[id] };
    },
  };
}

test("the page's first view is the layout's: applied without a callback once a layer has drawn", async () => {
  const sent = dash(OUTPUTS);
  const painted = frames();
  const views = fresh("21d-map-views.js");
  const view = { edition: "2024", vintage: "2025", layers: ["zonage"], theme: "", commune: "", epci: "", seq: 0 };
  window.dash_component_api = layoutApi({ "map-communes": { hideout: { config: CONFIG, view } }, edition: {} });
  assert.equal(views.firstView(), false, "no layer has drawn yet");
  const map = load(views);
  assert.equal(views.firstView(), true);
  await tick();
  // Every layer, the establishments too, already draws the layout's view: nothing is sent.
  assert.deepEqual(sent, []);
  assert.equal(view.seq, 0, "the layout's own view is left as it is");
  assert.deepEqual(views.state.hideoutIds, LAYER_IDS);
  painted.run();
  assert.equal(map.container.dataset.ready, "true");
  assert.equal(views.firstView(), false, "once is enough");
  assert.deepEqual(sent, []);
});

test("the presentation's map, drawn by the same layers, is left to its chapters", async () => {
  const sent = dash(OUTPUTS);
  frames();
  const views = fresh("21d-map-views.js");
  window.dash_component_api = layoutApi({ "map-communes": { hideout: { config: CONFIG, view: { seq: 0 } } } });
  load(views);
  assert.equal(views.firstView(), false);
  await tick();
  assert.deepEqual(sent, []);
  assert.equal(views.state.view, null);
});

test("a theme clicked in its list paints ahead of Dash, with its layers and its figures", async () => {
  const config = { ...CONFIG, themeLayers: { femmes: ["zonage", "dispositif"] } };
  const sent = dash(OUTPUTS);
  const raf = frames();
  const views = fresh("21d-map-views.js");
  const map = load(views);
  await apply(views, { layers: ["perimetre"] }, config);
  load(views, 1, map);
  raf.run();
  const filtered = [];
  window.dash_clientside.erbm = { filterKpis: (edition, theme) => filtered.push([edition, theme]) };
  // Dash 4's dropdown: radio inputs in a popover its button names (aria-controls).
  const option = (value) => ({ value, matches: (selector) => selector === "input.dash-options-list-option-checkbox" });
  const femmes = option("femmes");
  const elsewhere = option("femmes");
  const list = { contains: (node) => node === femmes };
  global.document = {
    getElementById: (id) => ({ theme: { getAttribute: () => "radix-1" }, "radix-1": list })[id] || null,
  };
  views.themeNow({ target: elsewhere });
  views.themeNow({ target: { value: "femmes", matches: () => false } });
  await tick();
  assert.deepEqual(sent, [], "an option of another list, or another element, applies nothing");
  views.themeNow({ target: femmes });
  await tick();
  assert.deepEqual(sent.map((s) => s.id), ["map-communes"], "the zoning the theme turns on goes");
  assert.deepEqual(sent[0].props.hideout.view.layers, ["perimetre", "zonage", "dispositif"]);
  assert.equal(sent[0].props.hideout.view.theme, "femmes");
  assert.deepEqual(filtered, [["2024", "femmes"]]);
  load(views, 2, map);
  // Dash's own round then finds the view applied.
  dash(OUTPUTS, "theme.value");
  const out = await apply(views, { theme: "femmes", layers: ["perimetre"] }, config);
  assert.deepEqual(out, [NO_UPDATE, NO_UPDATE]);
  delete global.document;
});
