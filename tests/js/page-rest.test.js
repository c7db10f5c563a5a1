// The rest of the dashboard's page (assets/20-dashboard.js, erbm.pageRest): the parts the layout
// carries as data (dashboard/layout/later.py) are rendered through Dash's public set_props, once.
// Its own file: the module keeps whether it has run.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const LATER = { sidebar: [{ type: "Section", namespace: "dash_html_components", props: {} }], footer: ["Sources"] };

function browser(layout) {
  const sent = [];
  const frames = [];
  global.window = {
    erbmIds: { dashboard: { PAGE_LATER: "page-later" } },
    dash_clientside: { set_props: (id, props) => sent.push({ id, props }) },
    dash_component_api: {
      // Like Dash 4.4's: throws for an id its layout does not hold.
      getLayout: (id) => {
        if (!layout[id]) { throw new TypeError("Cannot read properties of undefined (reading 'length')"); }
        return { props: layout[id] };
      },
    },
  };
  global.requestAnimationFrame = (fn) => frames.push(fn);
  return { sent, frames };
}

function page(elements) {
  const attributes = {};
  return {
    attributes,
    getElementById: (id) => elements[id] || null,
    body: { setAttribute: (name, value) => { attributes[name] = value; } },
  };
}

const { erbm } = require(path.join(__dirname, "..", "..", "assets", "20-dashboard.js"));

test("a page without the store (the presentation's, or before Dash holds a layout) gets nothing", () => {
  const { sent } = browser({});
  assert.equal(erbm.pageRest(page({})), false);
  assert.deepEqual(sent, []);
});

test("each container gets its part in one set_props, in the layout's order, and only once", () => {
  const { sent, frames } = browser({ "page-later": { data: LATER } });
  const elements = { sidebar: { childElementCount: 0 }, footer: { childElementCount: 0 } };
  const doc = page(elements);
  assert.equal(erbm.pageRest(doc), true);
  assert.deepEqual(sent, [
    { id: "sidebar", props: { children: LATER.sidebar } },
    { id: "footer", props: { children: LATER.footer } },
  ]);
  // React renders them in a later task: complete once every container shows its part.
  assert.equal(doc.attributes["data-complete"], undefined);
  elements.sidebar.childElementCount = 1;
  frames.shift()();
  assert.equal(doc.attributes["data-complete"], undefined, "the footer is still empty");
  elements.footer.childElementCount = 1;
  frames.shift()();
  assert.equal(doc.attributes["data-complete"], "true");
  assert.equal(erbm.pageRest(doc), true);
  assert.equal(sent.length, 2, "not twice");
});

test("the fallback renders the rest after its delay, trying again until Dash holds the layout", () => {
  const timers = [];
  const realTimeout = global.setTimeout;
  global.setTimeout = (fn, ms) => timers.push({ fn, ms });
  try {
    const fresh = require.resolve(path.join(__dirname, "..", "..", "assets", "20-dashboard.js"));
    delete require.cache[fresh];
    const { erbm: again } = require(fresh);
    const layout = {};
    const { sent } = browser(layout);
    const doc = page({ sidebar: { childElementCount: 1 }, footer: { childElementCount: 1 } });
    again.restFallback(doc, 10000);
    assert.deepEqual(timers.map((t) => t.ms), [10000]);
    timers.shift().fn();
    assert.deepEqual(sent, [], "no layout yet");
    assert.deepEqual(timers.map((t) => t.ms), [2000], "tried again later");
    layout["page-later"] = { data: LATER };
    timers.shift().fn();
    assert.deepEqual(sent.map((s) => s.id), ["sidebar", "footer"]);
    assert.deepEqual(timers, [], "done: no more tries");
  } finally {
    global.setTimeout = realTimeout;
  }
});

test("a tap on a dropdown's empty box opens the dropdown once it is rendered, not before", () => {
  const { frames } = browser({});
  const clicks = [];
  const elements = {};
  const doc = page(elements);
  const box = { childElementCount: 0, getAttribute: (name) => (name === "data-control" ? "theme" : null) };
  const target = { closest: (selector) => (selector === "[data-control]" ? box : null) };
  assert.equal(erbm.tapAhead(doc, target), true);
  assert.equal(frames.length, 1, "waits: the dropdown is not rendered yet");
  frames.shift()();
  assert.deepEqual(clicks, []);
  elements.theme = { click: () => clicks.push("theme") };
  frames.shift()();
  assert.deepEqual(clicks, ["theme"]);
  assert.equal(frames.length, 0, "once");
});

test("a tap elsewhere, or on a box whose dropdown is there, is left alone", () => {
  const { frames } = browser({});
  const doc = page({});
  assert.equal(erbm.tapAhead(doc, { closest: () => null }), false);
  const filled = { childElementCount: 1, getAttribute: () => "theme" };
  assert.equal(erbm.tapAhead(doc, { closest: () => filled }), false);
  assert.equal(erbm.tapAhead(doc, null), false);
  assert.equal(frames.length, 0);
});
