// Accessibility fixes for Dash's core components (assets/22-a11y.js), on stand-in elements:
// option lists become named radio groups or groups, a dropdown's Tab stop is its button.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const a11y = require(path.join(__dirname, "..", "..", "assets", "22-a11y.js"));

/** An element: attributes, classes, and the answers its selector methods give (by selector). */
function element({ id = "", classes = [], attributes = {}, found = {}, closest = {}, text = "", disabled = false } = {}) {
  const attrs = { ...attributes };
  return {
    id, textContent: text, disabled, nodeType: 1, attributes: attrs, parentElement: null,
    classList: { contains: (name) => classes.includes(name) },
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    setAttribute: (name, value) => { attrs[name] = String(value); },
    hasAttribute: (name) => name in attrs,
    removeAttribute: (name) => { delete attrs[name]; },
    querySelector: (selector) => (found[selector] || [])[0] || null,
    querySelectorAll: (selector) => found[selector] || [],
    closest: (selector) => closest[selector] || null,
  };
}

function options() {
  return [0, 1].map(() => element({ attributes: { role: "option", "aria-selected": "false" } }));
}

test("a radio list is a radio group named by its field's label; its items plain labels", () => {
  const items = options();
  const list = element({ id: "edition", classes: ["dash-radioitems"], attributes: { role: "listbox" },
    found: { ".dash-options-list-option": items } });
  const label = element({ id: "edition-label", text: "Édition" });
  global.document = { querySelector: (selector) => (selector === 'label[for="edition"]' ? label : null) };
  a11y.fixOptionList(list);
  assert.equal(list.attributes.role, "radiogroup");
  assert.equal(list.attributes["aria-labelledby"], "edition-label");
  assert.deepEqual(items.map((i) => i.attributes), [{}, {}]);
});

test("a checklist is a group, named by its owner's label when it has no label of its own", () => {
  const owner = element({ attributes: { "aria-label": "Couches" } });
  const list = element({ id: "layers", attributes: { role: "listbox" }, found: { ".dash-options-list-option": options() } });
  list.parentElement = element({ closest: { "[aria-labelledby], [aria-label]": owner } });
  global.document = { querySelector: () => null };
  a11y.fixOptionList(list);
  assert.equal(list.attributes.role, "group");
  assert.equal(list.attributes["aria-label"], "Couches");
  assert.equal(list.attributes["aria-labelledby"], undefined);
});

test("a list already named keeps its name; one with nothing to name it stays unnamed", () => {
  const named = element({ id: "x", attributes: { "aria-label": "Mine" } });
  global.document = { querySelector: () => element({ id: "other" }) };
  a11y.fixOptionList(named);
  assert.deepEqual(named.attributes, { "aria-label": "Mine", role: "group" });
  const lone = element({ id: "y" });
  lone.parentElement = element();
  global.document = { querySelector: () => null };
  assert.equal(a11y.groupName(lone), null);
  a11y.fixOptionList(lone);
  assert.deepEqual(lone.attributes, { role: "group" });
});

test("Tab reaches a dropdown's button, described by its field's hint, not its hidden proxy", () => {
  const proxy = element({ attributes: { "aria-hidden": "true" } });
  const button = element({ attributes: { tabindex: "-1" } });
  const field = element({ attributes: { "data-describedby": "search-hint" } });
  const wrapper = element({
    found: { ":scope > .dash-dropdown-focus-target": [proxy], ":scope > button.dash-dropdown": [button] },
    closest: { "[data-describedby]": field },
  });
  a11y.fixDropdown(wrapper);
  assert.equal(proxy.attributes.tabindex, "-1");
  assert.equal(button.attributes.tabindex, "0");
  assert.equal(button.attributes["aria-describedby"], "search-hint");
  const off = element({ disabled: true });
  a11y.fixDropdown(element({ found: { ":scope > .dash-dropdown-focus-target": [proxy], ":scope > button.dash-dropdown": [off] } }));
  assert.equal(off.attributes.tabindex, undefined, "a disabled dropdown is no Tab stop");
});

test("fixAll fixes every list and dropdown under its root", () => {
  const list = element({ id: "l", classes: ["dash-radioitems"] });
  const proxy = element();
  const wrapper = element({ found: { ":scope > .dash-dropdown-focus-target": [proxy], ":scope > button.dash-dropdown": [element()] } });
  global.document = { querySelector: () => null };
  a11y.fixAll(element({ found: { ".dash-options-list": [list], ".dash-dropdown-wrapper": [wrapper] } }));
  assert.equal(list.attributes.role, "radiogroup");
  assert.equal(proxy.attributes.tabindex, "-1");
});

test("only changes that may undo a fix call for one: not the map's, not text", () => {
  const inMap = element({ closest: { ".leaflet-container": {} } });
  const inList = element({ closest: { ".dash-options-list, .dash-dropdown-wrapper": {} } });
  const elsewhere = element();
  assert.equal(a11y.touched([{ type: "attributes", target: inMap }, { type: "childList", target: inMap }]), false);
  assert.equal(a11y.touched([{ type: "attributes", target: elsewhere }]), false);
  assert.equal(a11y.touched([{ type: "childList", target: { nodeType: 3 } }]), false);
  assert.equal(a11y.touched([{ type: "attributes", target: inList }]), true);
  assert.equal(a11y.touched([{ type: "childList", target: elsewhere }]), true);
});

test("started on a loaded page, it fixes at once and again once per task after changes", async () => {
  const list = element({ id: "l", classes: ["dash-radioitems"] });
  let observer = null;
  global.MutationObserver = function (callback) { observer = { callback }; this.observe = (node, opts) => { observer.opts = opts; }; };
  global.document = { querySelector: () => null };
  const doc = { readyState: "complete", body: {}, querySelectorAll: (s) => (s === ".dash-options-list" ? [list] : []) };
  a11y.start(doc);
  assert.equal(list.attributes.role, "radiogroup");
  assert.deepEqual(observer.opts.attributeFilter, ["role", "aria-selected", "tabindex", "aria-hidden"]);
  list.setAttribute("role", "listbox");
  observer.callback([{ type: "childList", target: element() }]);
  observer.callback([{ type: "childList", target: element() }]);
  assert.equal(list.attributes.role, "listbox", "not during React's commit");
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  assert.equal(list.attributes.role, "radiogroup");
});
