// The dashboard's clientside callbacks and grid functions (assets/20-dashboard.js), with
// stand-ins for the window, the document and Dash's clientside API.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const NO_UPDATE = "no-update";
const VIEWS = { MAP: "map", TABLE: "table", CHANGES: "changes", COVERAGE: "coverage" };
const IDS = { PRINT: "print", COPY_LINK: "copy-link", COPY_STATUS: "copy-status", PERMALINK: "permalink", KPIS: "kpis" };

/** A window at ``href``; records what the page opens, sets and dispatches. */
function browser(options = {}) {
  const record = { opened: [], assigned: [], sent: [], events: [], frames: [] };
  global.window = {
    erbmIds: { dashboard: IDS, vocabulary: { allThemes: "tous" }, views: VIEWS },
    location: {
      origin: "http://localhost:8050", pathname: "/", assign: (url) => record.assigned.push(url),
    },
    open: (url, target) => {
      record.opened.push({ url, target });
      record.tab = options.blocked ? null : { opener: "dashboard" };
      return record.tab;
    },
    dispatchEvent: (event) => record.events.push(event.type),
    matchMedia: (query) => ({ matches: query === "(max-width: 1100px)" && !!options.oneColumn }),
    navigator: options.navigator || {},
    isSecureContext: !!options.secure,
    dash_clientside: {
      no_update: NO_UPDATE,
      callback_context: { triggered: options.triggered || [] },
      set_props: (id, props) => record.sent.push({ id, props }),
    },
  };
  global.document = Object.assign({ baseURI: "http://localhost:8050/" }, options.document || {});
  global.requestAnimationFrame = (fn) => record.frames.push(fn);
  return record;
}

const dashboard = require(path.join(__dirname, "..", "..", "assets", "20-dashboard.js"));
const { erbm, dagfuncs } = dashboard;

test("the sheet button opens the place's sheet in a new tab, or in this one when blocked", () => {
  let record = browser({ triggered: [{ prop_id: "print.n_clicks" }] });
  assert.equal(erbm.sheetButton("?commune=62498&edition=2024", 1), false, "a place: the button is on");
  assert.deepEqual(record.opened, [{ url: "http://localhost:8050/fiche?commune=62498&edition=2024", target: "_blank" }]);
  assert.equal(record.tab.opener, null, "the sheet's tab cannot reach back into the dashboard");
  record = browser({ triggered: [{ prop_id: "print.n_clicks" }], blocked: true });
  erbm.sheetButton("?epci=200035", 2);
  assert.deepEqual(record.assigned, ["http://localhost:8050/fiche?epci=200035"]);
  record = browser({ triggered: [{ prop_id: "url.search" }] });
  assert.equal(erbm.sheetButton("?commune=62498", 3), false);
  assert.deepEqual(record.opened, [], "a new URL is no click");
  assert.equal(erbm.sheetButton("", 0), true, "no place: the button is off");
});

test("switching views hides the others and lets Leaflet measure the map again", async () => {
  const record = browser();
  assert.deepEqual(erbm.showView("table"), [true, false, true]);
  assert.deepEqual(erbm.showView("map"), [false, true, true]);
  assert.deepEqual(record.events, []);
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  assert.deepEqual(record.events, ["resize"]);
});

test("the link is the page's own URL, shown with a commune's card", () => {
  browser();
  assert.deepEqual(erbm.permalink("?commune=62498", ["Lens"]), ["http://localhost:8050/?commune=62498", false]);
  assert.deepEqual(erbm.permalink("", []), ["http://localhost:8050/", true]);
});

test("copying the link says whether it worked, with or without the clipboard API", async () => {
  const button = { dataset: { copied: "Lien copié", failed: "Échec" }, focus() { this.focused = true; } };
  const field = { select() { this.selected = true; } };
  const elements = { "copy-link": button, permalink: field };
  const written = [];
  let record = browser({
    secure: true,
    navigator: { clipboard: { writeText: async (text) => { written.push(text); } } },
    document: { getElementById: (id) => elements[id] || null },
  });
  const cleared = { id: "copy-status", props: { children: "" } };
  erbm.copyLink(1, "http://x/?commune=62498");
  assert.deepEqual(record.sent, [cleared], "the last status goes, so the next one is said again");
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  assert.deepEqual(written, ["http://x/?commune=62498"]);
  assert.deepEqual(record.sent, [cleared, { id: "copy-status", props: { children: "Lien copié" } }]);
  // Plain http: the selected field is copied; this stand-in's execCommand fails.
  record = browser({ document: { getElementById: (id) => elements[id] || null, execCommand: () => false } });
  erbm.copyLink(1, "http://x/");
  assert.equal(field.selected, true);
  assert.equal(button.focused, true);
  assert.deepEqual(record.sent, [cleared, { id: "copy-status", props: { children: "Échec" } }]);
  record = browser({ document: { getElementById: (id) => elements[id] || null } });
  erbm.copyLink(0, "http://x/");
  assert.deepEqual(record.sent, [], "no click yet: the status is left alone");
});

test("the export links follow the URL's view", () => {
  browser();
  assert.deepEqual(erbm.exportLinks("?commune=62498"), ["/export/carte.png?commune=62498", "/export/carte.pdf?commune=62498"]);
  assert.deepEqual(erbm.exportLinks(null), ["/export/carte.png", "/export/carte.pdf"]);
});

test("in one column, a newly chosen commune's card scrolls into view, once", () => {
  const panel = { scrolled: [], scrollIntoView(options) { this.scrolled.push(options); } };
  let record = browser({ oneColumn: true, document: { querySelector: () => panel } });
  erbm.scrollToCard(["62498"]);
  record.frames.forEach((fn) => fn());
  assert.deepEqual(panel.scrolled, [{ block: "start" }]);
  erbm.scrollToCard(["62498"]);
  assert.equal(record.frames.length, 1, "the same commune (a new edition) does not scroll");
  erbm.scrollToCard([]);
  assert.equal(record.frames.length, 1);
  record = browser({ oneColumn: false, document: { querySelector: () => panel } });
  erbm.scrollToCard(["62119"]);
  assert.deepEqual(record.frames, [], "beside the map, the card is in view");
});

test("the grid writes French numbers and folds text as the server does", () => {
  assert.match(dagfuncs.frNumber(1234567), /^1\s234\s567$/u);
  assert.equal(dagfuncs.frNumber(null), "");
  assert.equal(dagfuncs.frNumber(0), "0");
  assert.equal(dagfuncs.foldText("Hénin-Beaumont"), "henin beaumont");
  assert.equal(dagfuncs.foldText("Nœux-les-Mines"), "noeux les mines");
  assert.equal(dagfuncs.foldText("  L'Ævre  "), "l aevre");
  assert.equal(dagfuncs.foldText(null), null);
});

test("a narrow grid keeps only the list's columns", () => {
  const shown = [];
  const params = (width) => ({
    clientWidth: width,
    api: {
      getColumns: () => ["nom", "zone", "population"].map((id) => ({ getColId: () => id })),
      setColumnsVisible: (columns, visible) => shown.push([columns, visible]),
    },
  });
  dagfuncs.narrowColumns(params(360), ["nom"], 600);
  dagfuncs.narrowColumns(params(900), ["nom"], 600);
  dagfuncs.narrowColumns(params(0), ["nom"], 600);
  assert.deepEqual(shown, [[["zone", "population"], false], [["zone", "population"], true], [["zone", "population"], true]]);
});

test("the figures of the edition and theme show; the empty note only when none does", () => {
  const item = (edition, theme) => ({ dataset: { edition, theme }, hidden: false });
  const items = [item("2024", "femmes"), item("2024", "hopitaux"), item("2019", "femmes")];
  const notes = [{ dataset: { empty: "2024" }, hidden: false }, { dataset: { empty: "2019" }, hidden: true }];
  const panel = { querySelectorAll: (selector) => (selector === "[data-empty]" ? notes : items) };
  browser({ document: { getElementById: (id) => (id === "kpis" ? panel : null) } });
  erbm.filterKpis("2024", "femmes");
  assert.deepEqual(items.map((i) => i.hidden), [false, true, true]);
  assert.deepEqual(notes.map((n) => n.hidden), [true, true]);
  erbm.filterKpis("2024", "tous");
  assert.deepEqual(items.map((i) => i.hidden), [false, false, true]);
  erbm.filterKpis("2019", "hopitaux");
  assert.deepEqual(items.map((i) => i.hidden), [true, true, true]);
  assert.deepEqual(notes.map((n) => n.hidden), [true, false]);
});


/** A document holding elements by id, each with a dataset and ``hidden``. */
function page(elements) {
  return { getElementById: (id) => elements[id] || null };
}

test("the first view: what only the browser knows is set once the map has drawn, once", () => {
  const record = browser();
  Object.assign(window.erbmIds.dashboard, {
    MESSAGE: "message", MAP: "map", URL: "url", PERMALINK_BLOCK: "permalink-block", MAP_LEGEND: "map-legend",
  });
  window.location.search = "?commune=62510";
  window.matchMedia = (query) => ({ matches: query === "(max-width: 767.98px)" });
  const elements = {
    message: { dataset: { search: "?commune=62510" } },
    map: { dataset: {} },
    "permalink-block": { hidden: false, dataset: {} },
    "map-legend": { dataset: { fold: "(max-width: 767.98px)" } },
  };
  assert.equal(erbm.firstView(page(elements)), false, "the map has not drawn yet");
  assert.deepEqual(record.sent, []);
  elements.map.dataset.bounds = "2.1,50.0,3.8,50.8";
  assert.equal(erbm.firstView(page(elements)), true);
  // The layout was built for this address: no URL round; the link and the phone's fold are set.
  assert.deepEqual(record.sent, [
    { id: "permalink", props: { value: "http://localhost:8050/?commune=62510" } },
    { id: "map-legend", props: { open: false } },
  ]);
});

test("the first view hands the address to the URL callback when the layout was built for another", () => {
  const record = browser();
  Object.assign(window.erbmIds.dashboard, { MESSAGE: "message", MAP: "map", URL: "url" });
  window.location.search = "?commune=62510";
  window.matchMedia = () => ({ matches: false });
  const elements = { message: { dataset: { search: "" } }, map: { dataset: { bounds: "0,0,1,1" } } };
  assert.equal(erbm.firstView(page(elements)), true);
  assert.deepEqual(record.sent, [{ id: "url", props: { search: "?commune=62510" } }]);
});

test("another of Dash's pages (the presentation) has no first view to set", () => {
  const record = browser();
  Object.assign(window.erbmIds.dashboard, { MESSAGE: "message", MAP: "map", URL: "url" });
  assert.equal(erbm.firstView(page({ map: { dataset: { bounds: "0,0,1,1" } } })), false);
  assert.deepEqual(record.sent, []);
});
