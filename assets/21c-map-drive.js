// The map's drive: the Leaflet map attached, what each layer drew, when a view is painted,
// the names shown by zoom, touch gestures and « Recentrer ». The rule (21a-map-rule.js,
// 21b-map-style.js) decides what is drawn; this file tracks the drawing, through Leaflet's
// public API only. Views are applied by 21d-map-views.js, which shares this file's `state`.
//
// The map container (Ids.MAP, "map") carries a test contract, set through Leaflet's public API:
//   data-ready="true"  once the first view is painted;
//   data-painted       incremented in the frame that paints each view change (its first
//                      animation frame once every layer has drawn it: the moment a bare
//                      app's paths are counted in, ../shared/peers);
//   data-bounds        the visible area, "west,south,east,north" in degrees.
(function (root, factory) {
  var inNode = typeof module === "object" && module.exports;
  var rule = inNode ? require("./21b-map-style.js") : root.erbmMap;
  var api = factory(rule);
  if (inNode) {
    module.exports = Object.assign({}, rule, api);
  } else {
    root.erbmMap = Object.assign(root.erbmMap || {}, api);
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbmMap = Object.assign({}, root.dash_clientside.erbmMap, { recentre: api.recentre });
  }
}(typeof self !== "undefined" ? self : this, function (rule) {
  "use strict";

  // ---- Component ids (from Python: window.erbmIds, see erbm_map.web.clientids) ----

  function ids() {
    return (typeof window !== "undefined" && window.erbmIds) || { dashboard: {}, mapLayers: {} };
  }

  /** What the map's parts share: the map, the view applied, what each layer drew and the views
   *  waiting to be painted (``seq`` numbers views; ``painted`` is the last one painted). */
  var state = {
    seq: 0, painted: 0, ready: false, drawn: {}, waiting: [], map: null, view: null, home: null,
    homeView: null, labelsPending: false, config: null, hideoutIds: null, labelsUpTo: -Infinity,
  };
  /** Checks of ``whenLoaded``, run again each time a layer draws a view for the first time. */
  var loaded = [];
  /** What runs once the map has drawn its first layer (``whenAttached``). */
  var attachedHooks = [];
  /** What runs once the first view is painted (``whenReady``). */
  var readyHooks = [];

  function container() { return state.map ? state.map.getContainer() : null; }

  function writeBounds(map) {
    var b = map.getBounds();
    var el = map.getContainer();
    el.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (v) { return v.toFixed(5); }).join(",");
    el.dataset.zoom = String(Math.floor(map.getZoom() + 1e-6));
    showLabels(map);
  }

  /** Each name shows from its own first zoom (``data-minzoom``, placed by the data). */
  function showLabels(map) {
    var zoom = map.getZoom();
    // Beside the intercommunality names, towns yield to them (their own first zoom).
    var withEpci = !!state.view && rule.has(state.view, "epci");
    var nodes = map.getContainer().querySelectorAll(".erbm-label[data-minzoom]");
    for (var i = 0; i < nodes.length; i += 1) {
      var first = withEpci ? nodes[i].dataset.minzoomEpci : nodes[i].dataset.minzoom;
      var hidden = Number(first) > zoom + 1e-6;
      if (nodes[i].hidden !== hidden) { nodes[i].hidden = hidden; }
    }
  }

  /** Names are made only up to the zoom their layer drew at (``rule.labelZoom``): deeper, the
   *  layer draws again with the new zoom in its hideout (dash-leaflet's public prop, through
   *  Dash's ``set_props``), so that the names of that zoom exist before they show. */
  function moreLabels(map) {
    var zoom = Math.floor(map.getZoom() + 1e-6);
    var id = (ids().mapLayers || {}).noms;
    var dc = typeof window !== "undefined" ? window.dash_clientside : null;
    if (!(zoom > state.labelsUpTo) || !state.config || !state.view || !id || !dc || !dc.set_props) { return false; }
    state.labelsUpTo = zoom;
    dc.set_props(id, { hideout: { config: state.config, view: state.view, labelZoom: zoom } });
    return true;
  }

  /** Where fitting the territory puts the map, computed without moving it. */
  function homeTarget(map) {
    var L = window.L;
    var home = state.home;
    var bounds = L.latLngBounds(home.bounds);
    var padding = L.point(home.padding[0], home.padding[1]).multiplyBy(2);
    var zoom = map.getBoundsZoom(bounds, false, padding);
    var middle = map.project(bounds.getSouthWest(), zoom).add(map.project(bounds.getNorthEast(), zoom)).divideBy(2);
    return { zoom: zoom, center: map.unproject(middle, zoom) };
  }

  function fitHome(map) {
    if (!state.home) { return; }
    map.fitBounds(state.home.bounds, { padding: state.home.padding, animate: false });
    state.homeView = { zoom: map.getZoom(), center: map.getCenter() };
  }

  function atHome(map) {
    var hv = state.homeView;
    return !!hv && Math.abs(map.getZoom() - hv.zoom) < 1e-6 && map.getCenter().distanceTo(hv.center) < 1;
  }

  /** Whether the map is moved by fingers rather than a mouse (a phone or a tablet). */
  function touchScreen() {
    var coarse = typeof window.matchMedia === "function" && window.matchMedia("(pointer: coarse)").matches;
    return !!(window.L && window.L.Browser && window.L.Browser.mobile) || coarse;
  }

  /** dash-leaflet's GestureHandling (Leaflet.GestureHandling), as a Dash component. */
  var GESTURES = { namespace: "dash_leaflet", type: "GestureHandling", props: {} };

  /** On a touch screen, one finger scrolls the page and two fingers move the map: dash-leaflet's
   *  GestureHandling goes into the map's holder (Ids.MAP_GESTURES) and says so over the map.
   *  Only there: on a desktop it would also take the wheel from the map (Ctrl + wheel to zoom),
   *  and the map zooms on the wheel. A map that does not move (the presentation's) gets none.
   *  Its words are the interface's (``config.text``), not those of the browser's language.
   *  It leaves dragging on after two fingers (or a mouseover), and Leaflet's CSS would then take
   *  the next one-finger swipe from the page: ``erbm-gestures`` keeps the container's
   *  ``touch-action`` for one finger (assets/10-dashboard.css). Returns whether it was mounted. */
  function gestures(map, config) {
    var dc = window.dash_clientside;
    var holder = ids().dashboard.MAP_GESTURES;
    if (!holder || !dc || !dc.set_props || !map.dragging || !map.dragging.enabled() || !touchScreen()) {
      return false;
    }
    var text = config.text || {};
    if (text.touch && text.scroll) {
      window.L.Util.setOptions(map, { gestureHandlingText: { touch: text.touch, scroll: text.scroll, scrollMac: text.scroll } });
    }
    window.L.DomUtil.addClass(map.getContainer(), "erbm-gestures");
    // The first layer is drawing (a React render): the component is set in the next task.
    setTimeout(function () { dc.set_props(holder, { children: [GESTURES] }); }, 0);
    return true;
  }

  /** The map container: one Tab stop, named, its keys and the way to choose a place described. */
  function describeContainer(map, config) {
    var el = map.getContainer();
    var text = config.text || {};
    if (text.mapKeyboard && el.getAttribute("aria-label") !== text.mapKeyboard) {
      el.setAttribute("aria-label", text.mapKeyboard);
    }
    var hint = typeof document !== "undefined" && ids().dashboard.SEARCH_HINT;
    if (hint && document.getElementById(hint)) { el.setAttribute("aria-describedby", hint); }
  }

  /** The first layer that draws hands the drive its map (dash-leaflet's context), once. */
  function attach(map, config) {
    if (state.map === map) { return; }
    state.map = map;
    state.home = config.home;
    state.homeView = homeTarget(map);
    describeContainer(map, config);
    // The map may already have been moved (a linked commune) before its layers first drew.
    var wasHome = atHome(map);
    map.on("moveend", function () { wasHome = atHome(map); writeBounds(map); });
    map.on("zoomend", function () { moreLabels(map); showLabels(map); });
    gestures(map, config);
    // The territory stays whole on a resize, unless the user has moved away from it.
    map.on("resize", function () {
      if (wasHome) { fitHome(map); }
      writeBounds(map);
    });
    writeBounds(map);
    // A layer has drawn: every component of the page is mounted, so the page's first view can
    // be set (a prop set before its component mounts can be lost). In the next task: the layer
    // is drawing, within a React render.
    setTimeout(function () { attachedHooks.forEach(function (fn) { fn(map); }); }, 0);
  }

  /** ``fn(map)`` runs once the map has drawn its first layer (once per map). */
  function whenAttached(fn) { attachedHooks.push(fn); }

  /** Each layer's functions report the view they drew; the next frame paints the view. */
  function drew(context, layer) {
    var hideout = context.hideout || {};
    var view = hideout.view || {};
    if (context.map) { attach(context.map, hideout.config || {}); }
    if (layer === "noms") { state.labelsUpTo = rule.labelZoom(context); }
    var seq = view.seq || 0;
    if (state.drawn[layer] === seq) { return; }
    state.drawn[layer] = seq;
    loaded = loaded.filter(function (check) { return !check(); });
    settle();
  }

  /** The views whose every layer has drawn (and whose ``loaded`` layers have drawn their data
   *  once) are painted in the next frame. */
  function settle() {
    var pending = state.waiting.filter(function (w) {
      return !w.layers.every(function (l) { return state.drawn[l] >= w.seq; }) || !hasData(w.loaded || []);
    });
    var done = state.waiting.filter(function (w) { return pending.indexOf(w) < 0; });
    state.waiting = pending;
    done.forEach(function (w) { afterPaint(w.seq); });
  }

  function afterPaint(seq) {
    var raf = typeof requestAnimationFrame === "function" ? requestAnimationFrame : function (f) { setTimeout(f, 16); };
    raf(function () {
      var el = container() || (typeof document !== "undefined" ? document.getElementById(ids().dashboard.MAP) : null);
      if (!el || seq <= state.painted) { return; }
      state.painted = seq;
      el.dataset.painted = String(seq);
      if (!state.ready) {
        state.ready = true;
        el.dataset.ready = "true";
        // Once this frame has painted the map, and the next has begun: what the hooks render
        // (the rest of the page) never holds back the frames that show the map.
        raf(function () { setTimeout(function () { readyHooks.forEach(function (fn) { fn(); }); }, 0); });
      }
    });
  }

  /** ``fn()`` runs once the map's first view is painted (once per map). */
  function whenReady(fn) { readyHooks.push(fn); }

  /** Whether each of ``layers`` has drawn its data once. */
  function hasData(layers) {
    return layers.every(function (l) { return l in state.drawn; });
  }

  /** Resolves once each of ``layers`` has drawn its data once. */
  function whenLoaded(layers) {
    return new Promise(function (resolve) {
      var check = function () {
        if (hasData(layers)) { resolve(); return true; }
        return false;
      };
      if (!check()) { loaded.push(check); }
    });
  }

  /** Chromium puts every SVG path with a click listener in the Tab order, and Leaflet 1.9 sets
   *  no tabindex on paths (its Marker has a ``keyboard`` option; its Path has none): 330 Tab
   *  stops. Each commune path leaves the Tab order when it is added (tabindex -1, WAI-ARIA). */
  function notTabbable(layer) {
    layer.on("add", function () {
      var el = layer.getElement && layer.getElement();
      if (el && el.getAttribute("tabindex") !== "-1") { el.setAttribute("tabindex", "-1"); }
    });
  }

  /** A commune's tooltip, worded for the view applied when it opens. */
  function onEachCommune(feature, layer, context) {
    notTabbable(layer);
    var config = context.hideout.config;
    layer.bindTooltip(function () {
      return rule.communeTooltip(feature.properties, state.view || context.hideout.view, config);
    }, { sticky: true });
  }

  /** Labels are created hidden or shown by zoom once per draw of their layer, not once per label. */
  function onEachLabel(feature, layer) {
    if (state.map && !state.labelsPending) {
      state.labelsPending = true;
      setTimeout(function () { state.labelsPending = false; showLabels(state.map); }, 0);
    }
    return layer;
  }

  /** « Recentrer »: the whole territory again. */
  function recentre(clicks) {
    if (clicks && state.map) { fitHome(state.map); }
    return window.dash_clientside.no_update;
  }

  var drawing = rule.layerFunctions(drew);

  return {
    state: state, ids: ids, attach: attach, drew: drew, settle: settle, afterPaint: afterPaint,
    whenLoaded: whenLoaded, whenAttached: whenAttached, whenReady: whenReady, showLabels: showLabels, touchScreen: touchScreen, gestures: gestures,
    styles: drawing.styles, filters: drawing.filters, onEachCommune: onEachCommune,
    onEachLabel: onEachLabel, recentre: recentre, moreLabels: moreLabels,
  };
}));
