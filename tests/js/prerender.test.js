// The written first view (assets/18-prerender.js) leaves the page once the app has rendered.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const prerender = require(path.join(__dirname, "..", "..", "assets", "18-prerender.js"));

/** A page holding the written copy and, once ``rendered``, the app's main area. */
function page() {
  const removed = [];
  const copy = { parentNode: { removeChild: (node) => removed.push(node) } };
  const doc = {
    rendered: false,
    body: {},
    defaultView: { erbmIds: { dashboard: { PRERENDER: "prerender", MAIN: "main" } } },
    getElementById(id) {
      if (id === "prerender") { return removed.includes(copy) ? null : copy; }
      if (id === "main") { return this.rendered ? {} : null; }
      return null;
    },
  };
  return { doc, copy, removed };
}

test("the copy stays until the app's page is there, then leaves once", () => {
  const { doc, copy, removed } = page();
  assert.equal(prerender.dropWhenReady(doc), false);
  assert.deepEqual(removed, []);
  doc.rendered = true;
  assert.equal(prerender.dropWhenReady(doc), true);
  assert.deepEqual(removed, [copy]);
  assert.equal(prerender.dropWhenReady(doc), true, "nothing left to do");
  assert.equal(removed.length, 1);
});

test("the watch removes the copy on the change that brings the app, and stops watching", () => {
  const { doc, removed } = page();
  let notify = null;
  let disconnected = false;
  class Observer {
    constructor(callback) { notify = callback; }
    observe(target, options) { assert.equal(target, doc.body); assert.ok(options.subtree); }
    disconnect() { disconnected = true; }
  }
  const observer = prerender.watch(doc, Observer);
  assert.ok(observer);
  notify();
  assert.equal(removed.length, 0);
  doc.rendered = true;
  notify();
  assert.equal(removed.length, 1);
  assert.ok(disconnected);
});

test("a page the app has already rendered needs no watch", () => {
  const { doc, removed } = page();
  doc.rendered = true;
  assert.equal(prerender.watch(doc, class {}), null);
  assert.equal(removed.length, 1);
});

/** A page whose written figures wait in a template until the app renders their empty panel. */
function figuresPage() {
  const moved = [];
  const removed = [];
  const content = { figures: 95 };
  const template = { content, parentNode: { removeChild: (node) => removed.push(node) } };
  const box = { appendChild: (node) => moved.push(node) };
  const doc = {
    rendered: false,
    defaultView: { erbmIds: { dashboard: { KPIS_HTML: "kpis-html", KPIS: "kpis" } } },
    getElementById(id) {
      if (id === "kpis-html") { return removed.includes(template) ? null : template; }
      if (id === "kpis") { return this.rendered ? box : null; }
      return null;
    },
  };
  return { doc, moved, removed, template, content };
}

test("the written figures move into the app's panel once it is rendered, once", () => {
  const { doc, moved, removed, template, content } = figuresPage();
  assert.equal(prerender.adoptFigures(doc), false, "no panel yet");
  assert.deepEqual(moved, []);
  doc.rendered = true;
  assert.equal(prerender.adoptFigures(doc), true);
  assert.deepEqual(moved, [content], "the template's content, not a copy of the template");
  assert.deepEqual(removed, [template]);
  assert.equal(prerender.adoptFigures(doc), true, "nothing left to move");
  assert.equal(moved.length, 1);
});
