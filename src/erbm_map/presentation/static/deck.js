// The presentation file's driver: chapters and map, with no server and no request.
// Embedded by erbm_map/presentation/deck_file.py after Leaflet and the map's parts it needs
// (MAP_SCRIPTS: rule, style, drive, chapters), which add up to `window.erbmMap`.
// The same keys as /presentation; the map is built from the served map component's own
// description (panes, layers, rule functions, hideout) and framed by the chapters' chapterView.
// The map container keeps the dashboard's test contract: data-ready, data-painted, data-bounds.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("erbm-deck").textContent);
  var deck = payload.deck;
  var spec = payload.map;
  var rule = window.erbmMap;
  var L = window.L;
  var NEXT_KEYS = { ArrowRight: true, PageDown: true, " ": true, Spacebar: true };
  var PREV_KEYS = { ArrowLeft: true, PageUp: true };
  // Component ids, from src/erbm_map/core/deck_ids.py (window.erbmIds, embedded before this file).
  var IDS = (window.erbmIds || {}).presentation || {};
  var byId = function (id) { return document.getElementById(id); };
  var root = byId(IDS.ROOT);
  var sections = Array.from(byId(IDS.BODY).children);
  var element = byId(spec.id);
  var painted = 0;
  var current = -1;

  function fn(path) {
    return path ? path.split(".").reduce(function (o, k) { return o && o[k]; }, rule) : null;
  }

  var o = spec.options;
  var map = L.map(element, {
    zoomSnap: o.zoomSnap, zoomDelta: o.zoomDelta, minZoom: o.minZoom, maxZoom: o.maxZoom,
    preferCanvas: !!o.preferCanvas, attributionControl: false, zoomControl: false, dragging: false,
    scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, touchZoom: false, keyboard: false,
  });
  map.fitBounds(o.bounds, o.boundsOptions || {});
  spec.panes.forEach(function (pane) { map.createPane(pane.name).style.zIndex = pane.zIndex; });
  if (spec.scale) { L.control.scale({ position: spec.scale.position, imperial: !!spec.scale.imperial }).addTo(map); }
  var context = { hideout: spec.hideout, map: map };

  var layers = spec.layers.map(function (s) {
    var options = { interactive: s.interactive !== false };
    if (s.pane) { options.pane = s.pane; }
    if (s.style) { options.style = function (f) { return fn(s.style)(f, context); }; }
    if (s.filter) { options.filter = function (f) { return fn(s.filter)(f, context); }; }
    if (s.pointToLayer) { options.pointToLayer = function (f, at) { return fn(s.pointToLayer)(f, at, context); }; }
    if (s.onEachFeature) { options.onEachFeature = function (f, l) { return fn(s.onEachFeature)(f, l, context); }; }
    return { spec: s, layer: L.geoJSON(null, options).addTo(map) };
  });

  function afterPaint() {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        painted += 1;
        element.dataset.painted = String(painted);
        element.dataset.ready = "true";
      });
    });
  }

  function draw(entry) {
    map.invalidateSize({ pan: false });
    if (entry.map) {
      var next = rule.chapterView(entry, spec.hideout.view, spec.hideout.config);
      context.hideout = { config: spec.hideout.config, view: next.view };
      layers.forEach(function (l) { l.layer.clearLayers(); l.layer.addData(payload.data[l.spec.data]); });
      map.fitBounds(next.viewport.bounds, next.viewport.options);
    }
    afterPaint();
  }

  function fill(template, index, total) {
    return String(template).replace("{current}", index + 1).replace("{total}", total);
  }

  function go(index) {
    index = Math.max(0, Math.min(sections.length - 1, index < 0 ? sections.length + index : index));
    if (index === current) { return; }
    current = index;
    var entry = deck.chapters[index];
    sections.forEach(function (s, i) { s.hidden = i !== index; });
    byId(IDS.TITLE).textContent = entry.title;
    var kicker = root.querySelector(".pkicker");
    if (kicker) { kicker.textContent = entry.kicker || ""; }
    var progress = byId(IDS.PROGRESS);
    progress.textContent = fill(deck.progress, index, sections.length);
    progress.setAttribute("aria-label", fill(deck.progressAria, index, sections.length));
    root.className = entry.className;
    byId(IDS.PREV).disabled = index === 0;
    byId(IDS.NEXT).disabled = index === sections.length - 1;
    draw(entry);
  }

  function toggleFullscreen() {
    var request = document.fullscreenElement ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    if (request && request.catch) { request.catch(function () { return null; }); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    var key = event.key;
    if ((key === " " || key === "Spacebar") && (tag === "BUTTON" || tag === "A")) { return; }
    if (NEXT_KEYS[key]) { go(current + 1); }
    else if (PREV_KEYS[key]) { go(current - 1); }
    else if (key === "Home") { go(0); }
    else if (key === "End") { go(-1); }
    else if (key === "f" || key === "F") { toggleFullscreen(); }
    else { return; }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("button");
    if (!button || button.disabled) { return; }
    if (button.id === IDS.NEXT) { go(current + 1); }
    else if (button.id === IDS.PREV) { go(current - 1); }
    else if (button.id === IDS.FULLSCREEN) { toggleFullscreen(); }
  });

  // A resized window refits the chapter's frame; it is not a new view, so nothing counts as painted.
  window.addEventListener("resize", function () {
    var entry = deck.chapters[current];
    map.invalidateSize({ pan: false });
    if (entry && entry.map) {
      var next = rule.chapterView(entry, spec.hideout.view, spec.hideout.config);
      map.fitBounds(next.viewport.bounds, next.viewport.options);
    }
  });
  go(0);
}());
