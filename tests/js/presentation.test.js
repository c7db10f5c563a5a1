// Presentation mode (assets/31-presentation.js) on a stand-in page: Dash's navigate callback,
// keys, clicker and arrows painting the chapter in the same frame, the map told ahead of Dash.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const IDS = {
  ROOT: "root", BODY: "body", TITLE: "title", PROGRESS: "progress", PREV: "prev", NEXT: "next",
  EXIT: "exit", FULLSCREEN: "fullscreen", TARGET: "target", DECK: "deck",
};
const PREVENT = new Error("PreventUpdate");
const sent = [];
const chapterNow = [];
const replaced = [];
const frames = [];
global.window = {
  erbmIds: { presentation: IDS },
  location: { search: "?commune=62498&chapter=1", pathname: "/presentation/" },
  history: { state: null, replaceState: (state, title, url) => replaced.push(url) },
  requestAnimationFrame: (fn) => frames.push(fn),
  setTimeout: (fn) => fn(),
  erbmMap: { chapterNow: (index) => chapterNow.push(index) },
  dash_clientside: {
    PreventUpdate: PREVENT,
    set_props: (id, props) => sent.push({ id, props }),
    callback_context: { triggered: [], outputs_list: [] },
  },
};
const presentation = require(path.join(__dirname, "..", "..", "assets", "31-presentation.js"));

/** An element with attributes, text and a click counter. */
function element(id, attributes = {}) {
  return {
    id, hidden: false, disabled: false, textContent: "", className: "", clicks: 0, attributes: { ...attributes },
    getAttribute(name) { return this.attributes[name]; },
    setAttribute(name, value) { this.attributes[name] = value; },
    click() { this.clicks += 1; },
    closest(selector) { return selector === "button" ? this : null; },
    querySelector: () => null,
  };
}

/** The presentation's page: three chapters; or the dashboard (no presentation root). */
function presentationPage({ dashboard = false } = {}) {
  const sections = [0, 1, 2].map((i) => element("", {
    "data-title": `Titre ${i + 1}`, "data-kicker": `Thème ${i + 1}`, "data-class": `presentation kind-${i}`,
  }));
  sections.forEach((s, i) => { s.hidden = i !== 0; });
  const kicker = element("kicker");
  const rootElement = element("root");
  rootElement.querySelector = (selector) => (selector === ".pkicker" ? kicker : null);
  const elements = {
    root: dashboard ? null : rootElement,
    body: { children: sections },
    title: element("title"),
    progress: element("progress", { "data-template": "{current} / {total}", "data-aria-template": "Chapitre {current} sur {total}" }),
    prev: element("prev"), next: element("next"), exit: element("exit"), fullscreen: element("fullscreen"),
  };
  const fullscreen = [];
  global.document = {
    fullscreenElement: null,
    documentElement: { requestFullscreen: () => { fullscreen.push("on"); return Promise.reject(new Error("denied")); } },
    exitFullscreen: () => fullscreen.push("off"),
    getElementById: (id) => elements[id] || null,
  };
  global.requestAnimationFrame = window.requestAnimationFrame;
  sent.length = 0;
  chapterNow.length = 0;
  return { sections, elements, kicker, fullscreen };
}

function key(name, extra = {}) {
  const event = { key: name, target: { tagName: "BODY" }, defaultPrevented: false, prevented: false, ...extra };
  event.preventDefault = () => { event.prevented = true; };
  presentation.onKeydown(event);
  frames.splice(0).forEach((fn) => fn());
  return event;
}

const DECK = {
  progress: "{current} / {total}", progressAria: "Chapitre {current} sur {total}",
  chapters: [
    { title: "Un", kicker: "A", className: "k0" }, { title: "Deux", kicker: "B", className: "k1" },
    { title: "Trois", kicker: "C", className: "k2" },
  ],
};

function navigate(trigger, target, current) {
  window.dash_clientside.callback_context = {
    triggered: [{ prop_id: trigger }],
    outputs_list: [{}, [0, 1, 2].map((index) => ({ id: { index } }))],
  };
  return presentation.navigate(target, DECK, current);
}

test("navigate sets the chapter a request names, every visible prop and the URL", () => {
  const { kicker } = presentationPage();
  const out = navigate("target.data", { chapter: 1 }, 0);
  assert.deepEqual(out, [1, [true, false, true], "Deux", "2 / 3", "Chapitre 2 sur 3", "k1", false, false]);
  assert.equal(replaced.at(-1), "/presentation/?commune=62498&chapter=2");
  assert.equal(kicker.textContent, "B");
  assert.equal(navigate("target.data", { chapter: -1 }, 0)[0], 2, "from the end");
  assert.equal(navigate("target.data", { chapter: 9 }, 0)[0], 2, "clamped");
  assert.equal(navigate("deck.data", null, 1)[0], 1, "a new deck keeps the chapter");
  assert.throws(() => navigate("other.prop", { chapter: 1 }, 0), PREVENT);
  assert.throws(() => presentation.navigate({ chapter: 0 }, { chapters: [] }, 0), PREVENT);
});

test("a key paints the next chapter at once, tells the map, then Dash once the frame is painted", () => {
  const { sections, elements, kicker } = presentationPage();
  const event = key("ArrowRight");
  assert.equal(event.prevented, true);
  assert.deepEqual(sections.map((s) => s.hidden), [true, false, true]);
  assert.equal(elements.title.textContent, "Titre 2");
  assert.equal(kicker.textContent, "Thème 2");
  assert.equal(elements.progress.textContent, "2 / 3");
  assert.equal(elements.progress.attributes["aria-label"], "Chapitre 2 sur 3");
  assert.equal(elements.root.className, "presentation kind-1");
  assert.deepEqual([elements.prev.disabled, elements.next.disabled], [false, false]);
  assert.deepEqual(chapterNow, [1]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].id, "target");
  assert.equal(sent[0].props.data.chapter, 1);
  // The request Dash gets back is the latest: an older one is stale.
  const latest = sent[0].props.data.request;
  assert.equal(navigate("target.data", { chapter: 1, request: latest }, 0)[0], 1);
  assert.throws(() => navigate("target.data", { chapter: 0, request: latest - 1 }, 1), PREVENT);
});

test("Home, End and the previous keys move through the chapters, never past either end", () => {
  const { sections, elements } = presentationPage();
  key("End");
  assert.deepEqual(sections.map((s) => s.hidden), [true, true, false]);
  assert.equal(elements.next.disabled, true);
  key("PageDown");
  assert.deepEqual(chapterNow, [2], "past the last chapter nothing happens");
  key("ArrowLeft");
  key("Home");
  assert.deepEqual(chapterNow, [2, 1, 0]);
  assert.equal(elements.prev.disabled, true);
});

test("keys typed in a field, with a modifier, or Space on a button are not chapter keys", () => {
  presentationPage();
  assert.equal(key("ArrowRight", { target: { tagName: "INPUT" } }).prevented, false);
  assert.equal(key("ArrowRight", { ctrlKey: true }).prevented, false);
  assert.equal(key(" ", { target: { tagName: "BUTTON" } }).prevented, false);
  assert.equal(key("x").prevented, false);
  assert.deepEqual(chapterNow, []);
});

test("Escape leaves through the exit link; F asks for full screen, a refusal is harmless", async () => {
  const { elements, fullscreen } = presentationPage();
  key("Escape");
  assert.equal(elements.exit.clicks, 1);
  key("f");
  assert.deepEqual(fullscreen, ["on"]);
  await new Promise((resolve) => { setImmediate(resolve); });
});

test("the on-screen arrows step through the chapters; a disabled one does nothing", () => {
  const { elements } = presentationPage();
  presentation.onClick({ target: elements.next });
  frames.splice(0).forEach((fn) => fn());
  assert.deepEqual(chapterNow, [1]);
  elements.prev.disabled = true;
  presentation.onClick({ target: elements.prev });
  assert.deepEqual(chapterNow, [1]);
});

test("on the dashboard (no presentation root) keys and clicks do nothing", () => {
  const { elements } = presentationPage({ dashboard: true });
  assert.equal(key("ArrowRight").prevented, false);
  presentation.onClick({ target: elements.next });
  assert.deepEqual(chapterNow, []);
  assert.deepEqual(sent, []);
});
