// Presentation mode (/presentation/): keys, clicker and on-screen arrows drive the chapters in the
// browser, with no server round-trip per key; the map follows in the browser too
// (assets/21e-map-chapters.js).
// Inert on the dashboard: every entry point first looks for the presentation's root element.
// In Node (`node --test tests/js/`) the functions are exported instead of registered.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    var dc = root.dash_clientside = root.dash_clientside || {};
    dc.presentation = { navigate: api.navigate };
    document.addEventListener("keydown", api.onKeydown);
    document.addEventListener("click", api.onClick);
  }
}(this, function () {
  "use strict";
  // Component ids, from src/erbm_map/core/deck_ids.py (window.erbmIds, see erbm_map.web.clientids).
  var IDS = (window.erbmIds || {}).presentation || {};
  var ROOT = IDS.ROOT;
  var BODY = IDS.BODY;
  var TITLE = IDS.TITLE;
  var PROGRESS = IDS.PROGRESS;
  var PREV = IDS.PREV;
  var NEXT = IDS.NEXT;
  var EXIT = IDS.EXIT;
  var FULLSCREEN = IDS.FULLSCREEN;
  var TARGET = IDS.TARGET;
  var DECK = IDS.DECK;
  var NEXT_KEYS = { ArrowRight: true, PageDown: true, " ": true, Spacebar: true };
  var PREV_KEYS = { ArrowLeft: true, PageUp: true };
  // Number of the last chapter request made from this page; older ones are stale.
  var asked = 0;

  function fill(template, current, total) {
    return String(template).replace("{current}", current).replace("{total}", total);
  }

  function clamp(index, total) { return Math.max(0, Math.min(total - 1, index)); }

  // Clientside callback, the authority on the chapter shown (see callbacks.py): from a request
  // (a key, an arrow, the link) or a new deck, it sets every visible prop, the store the map
  // callback listens to, and the URL.
  function navigate(target, deck, current) {
    var dc = window.dash_clientside;
    var chapters = (deck && deck.chapters) || [];
    var total = chapters.length;
    if (!total) { throw dc.PreventUpdate; }
    var triggered = (dc.callback_context.triggered || []).map(function (t) {
      return String(t.prop_id).split(".")[0];
    });
    var index = typeof current === "number" ? current : 0;
    if (triggered.indexOf(TARGET) >= 0 && target && typeof target.chapter === "number") {
      // A request overtaken by a later key press would step the slides back for a moment.
      if (target.request !== undefined && target.request !== asked) { throw dc.PreventUpdate; }
      index = target.chapter < 0 ? total + target.chapter : target.chapter;
    } else if (triggered.indexOf(DECK) < 0) {
      throw dc.PreventUpdate;
    }
    index = clamp(index, total);
    var chapter = chapters[index];
    // The URL follows the slides (replaceState: the browser's Back still leaves the presentation).
    var params = new URLSearchParams(window.location.search);
    params.set("chapter", String(index + 1));
    window.history.replaceState(window.history.state, "", window.location.pathname + "?" + params.toString());
    var sections = dc.callback_context.outputs_list[1] || [];
    setKicker(chapter.kicker);
    return [
      index,
      sections.map(function (output) { return output.id.index !== index; }),
      chapter.title,
      fill(deck.progress, index + 1, total),
      fill(deck.progressAria, index + 1, total),
      chapter.className,
      index === 0,
      index === total - 1,
    ];
  }

  function root() { return document.getElementById(ROOT); }

  // The kicker (the chapter's theme above its message title) is no callback output: the
  // browser writes it with the title, from the section or the deck.
  function setKicker(text) {
    var kicker = root() && root().querySelector(".pkicker");
    if (kicker) { kicker.textContent = text || ""; }
  }

  function sections() {
    var body = document.getElementById(BODY);
    return body ? Array.from(body.children) : [];
  }

  function shown(list) {
    for (var i = 0; i < list.length; i += 1) { if (!list[i].hidden) { return i; } }
    return 0;
  }

  // Paint the chapter in this very frame, with the values `navigate` is about to set through
  // Dash (each section carries its title and root class): React then finds them already there.
  function paint(list, index) {
    var section = list[index];
    list.forEach(function (s, i) { s.hidden = i !== index; });
    document.getElementById(TITLE).textContent = section.getAttribute("data-title");
    setKicker(section.getAttribute("data-kicker"));
    var progress = document.getElementById(PROGRESS);
    progress.textContent = fill(progress.getAttribute("data-template"), index + 1, list.length);
    progress.setAttribute("aria-label", fill(progress.getAttribute("data-aria-template"), index + 1, list.length));
    root().className = section.getAttribute("data-class");
    document.getElementById(PREV).disabled = index === 0;
    document.getElementById(NEXT).disabled = index === list.length - 1;
  }

  function go(index) {
    var list = sections();
    if (!list.length || !window.dash_clientside.set_props) { return; }
    index = clamp(index < 0 ? list.length + index : index, list.length);
    paint(list, index);
    // The chapter's map follows in the next frames, ahead of Dash (assets/21e-map-chapters.js).
    if (window.erbmMap && window.erbmMap.chapterNow) { window.erbmMap.chapterNow(index); }
    asked += 1;
    var request = { chapter: index, request: asked };
    // Tell Dash once the frame is painted: its own render would otherwise hold the frame back.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { window.dash_clientside.set_props(TARGET, { data: request }); }, 0);
    });
  }

  function step(delta) {
    var list = sections();
    var index = shown(list) + delta;
    if (index >= 0 && index < list.length) { go(index); }
  }

  function toggleFullscreen() {
    var request = document.fullscreenElement ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    // Refused (no user gesture, or a kiosk policy): the slides simply stay windowed.
    if (request && request.catch) { request.catch(function () { return null; }); }
  }

  function onKeydown(event) {
    if (!root() || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var element = event.target;
    var tag = element && element.tagName;
    if (element && (element.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT")) {
      return;
    }
    var key = event.key;
    // Space on a focused button or link activates it; a keyboard step as well would skip a chapter.
    if ((key === " " || key === "Spacebar") && (tag === "BUTTON" || tag === "A")) { return; }
    if (NEXT_KEYS[key]) { step(1); }
    else if (PREV_KEYS[key]) { step(-1); }
    else if (key === "Home") { go(0); }
    else if (key === "End") { go(-1); }
    else if (key === "f" || key === "F") { toggleFullscreen(); }
    else if (key === "Escape") { document.getElementById(EXIT).click(); }
    else { return; }
    event.preventDefault();
  }

  function onClick(event) {
    if (!root() || !event.target || !event.target.closest) { return; }
    var button = event.target.closest("button");
    if (!button || button.disabled) { return; }
    if (button.id === NEXT) { step(1); }
    else if (button.id === PREV) { step(-1); }
    else if (button.id === FULLSCREEN) { toggleFullscreen(); }
  }

  return { navigate: navigate, go: go, step: step, onKeydown: onKeydown, onClick: onClick, fill: fill };
}));
