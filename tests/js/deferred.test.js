// A deferred library's script (assets/17-deferred.js) is made live once, when first asked for.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const deferred = require(path.join(__dirname, "..", "..", "assets", "17-deferred.js"));

/** A document holding one inert tag named ``grids``; records the live scripts it is given. */
function page() {
  const added = [];
  const parent = {
    insertBefore(node) { added.push(node); node.parentNode = parent; },
    removeChild(node) { added.splice(added.indexOf(node), 1); },
  };
  const inert = { parentNode: parent, nextSibling: null, getAttribute: () => "/_dash-component-suites/dash_ag_grid/x.js" };
  const doc = {
    querySelector: (selector) => (selector === 'script[data-deferred="grids"]' ? inert : null),
    createElement: () => ({}),
  };
  return { doc, added };
}

const NO_UPDATE = { noUpdate: true };
const VIEWS = ["table", "changes"];

test("the script is added once, and its library counts as loaded once it has run", async () => {
  const { doc, added } = page();
  const loader = deferred.forDocument(doc);
  const first = loader.load("grids");
  const second = loader.load("grids");
  assert.equal(first, second, "one promise for both asks");
  assert.equal(added.length, 1);
  assert.equal(added[0].src, "/_dash-component-suites/dash_ag_grid/x.js");
  assert.equal(loader.loaded("grids"), false);
  added[0].onload();
  await first;
  assert.equal(loader.loaded("grids"), true);
});

test("a view that shows no grid loads nothing; the first grid view waits for the library", async () => {
  const { doc, added } = page();
  const loader = deferred.forDocument(doc);
  assert.equal(deferred.readyFor(loader, NO_UPDATE, "map", VIEWS, "grids"), NO_UPDATE);
  assert.equal(added.length, 0);
  const ready = deferred.readyFor(loader, NO_UPDATE, "table", VIEWS, "grids");
  added[0].onload();
  assert.equal(await ready, true);
  // Loaded: the next grid view needs no wait, and the callbacks waiting for it do not run again.
  assert.equal(deferred.readyFor(loader, NO_UPDATE, "changes", VIEWS, "grids"), NO_UPDATE);
});

test("a failed download is tried again by the next opening", async () => {
  const { doc, added } = page();
  const loader = deferred.forDocument(doc);
  const ready = deferred.readyFor(loader, NO_UPDATE, "table", VIEWS, "grids");
  added[0].onerror();
  assert.equal(await ready, NO_UPDATE);
  assert.equal(added.length, 0, "the failed script is taken out");
  deferred.readyFor(loader, NO_UPDATE, "table", VIEWS, "grids");
  assert.equal(added.length, 1, "asked again");
});

test("a library the page does not defer is ready at once", async () => {
  const loader = deferred.forDocument({ querySelector: () => null });
  await loader.load("grids");
  assert.equal(loader.loaded("grids"), true);
});
