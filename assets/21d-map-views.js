// The map's views applied: Dash's clientside callback (`erbmMap.apply`), the same view applied
// ahead of Dash on an input's own event or a click on the map, and the
// establishments' data (clustering). Part of the drive: paint tracking and the map are in
// 21c-map-drive.js, whose `state` this file shares; the rule is in 21a-map-rule.js and
// 21b-map-style.js.
(function (root, factory) {
  var inNode = typeof module === "object" && module.exports;
  var drive = inNode ? require("./21c-map-drive.js") : root.erbmMap;
  var api = factory(drive);
  if (inNode) {
    module.exports = Object.assign({}, drive, api);
  } else {
    root.erbmMap = Object.assign(root.erbmMap || {}, api);
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbmMap = Object.assign({}, root.dash_clientside.erbmMap, { apply: api.apply });
    if (typeof document !== "undefined") {
      document.addEventListener("change", api.applyNow, true);
      document.addEventListener("click", api.themeNow, true);
    }
    drive.whenAttached(api.pageFirstView);
    drive.whenReady(api.pageReady);
  }
}(typeof self !== "undefined" ? self : this, function (drive) {
  "use strict";

  var state = drive.state;
  var LAYERS = drive.LAYERS;
  /** Each layer's key (``layerKey``) in the last view sent to it. */
  var last = {};

  /** The component id of each layer of the rule. */
  function layerIds() { return drive.ids().mapLayers || {}; }

  function callbackContext() {
    return (typeof window !== "undefined" && window.dash_clientside && window.dash_clientside.callback_context) || {};
  }

  function triggered() {
    return ((callbackContext().triggered || [])[0] || {}).prop_id || "";
  }

  /** The layers a callback outputs, from its output ids (``layerIds``): Python sets the order. */
  function outputLayers() {
    var outputs = callbackContext().outputs_list || [];
    var byId = {};
    var layerId = layerIds();
    Object.keys(layerId).forEach(function (layer) { byId[layerId[layer]] = layer; });
    var layers = outputs.map(function (o) { return byId[String(o.id || "")]; })
      .filter(function (layer) { return !!layer; });
    return layers.length ? layers : LAYERS;
  }

  /** The layers the running callback outputs (or ``outputs``); their component ids and the
   *  hideout's config are kept for the views applied ahead of Dash. */
  function takeOutputs(hideout, outputs) {
    outputs = outputs || outputLayers();
    state.config = (hideout || {}).config;
    state.hideoutIds = {};
    outputs.forEach(function (layer) { state.hideoutIds[layer] = layerIds()[layer]; });
    return outputs;
  }

  /** Inputs -> one hideout per layer (no_update where the layer's part of the view is unchanged). */
  function apply(edition, vintage, layers, theme, commune, epci, communeClick, markerClick, labelClick, hideout) {
    var trigger = triggered();
    var click = null;
    var layerId = layerIds();
    if (trigger.indexOf(layerId.communes + ".") === 0) { click = communeClick; }
    if (trigger.indexOf(layerId.etablissements + ".") === 0) { click = markerClick; }
    if (trigger.indexOf(layerId.noms + ".") === 0) { click = labelClick; }
    var view = {
      edition: edition, vintage: vintage, layers: layers || [], theme: theme || "",
      commune: commune || "", epci: epci || "",
    };
    if (click && click.insee) { view.commune = click.insee; }
    if (click && click.epci) { view.epci = click.epci; }
    if (trigger.indexOf(drive.ids().dashboard.THEME + ".") === 0) {
      view.layers = drive.withThemeLayers(view.layers, view.theme, ((hideout || {}).config || {}).themeLayers);
    }
    return applyView(view, hideout, takeOutputs(hideout));
  }

  /** A view -> one hideout per layer of ``outputs``, once every layer has its data. */
  function applyView(view, hideout, outputs, force) {
    var noUpdate = window.dash_clientside.no_update;
    var config = (hideout || {}).config || {};
    if (!state.view && !force) { adoptLayoutView(hideout, view, config); }
    var same = !!state.view && drive.sameView(state.view, view);
    state.view = view;
    // A view not painted yet may never arrive: Dash drops the result of a callback call that a
    // newer call of the same callback superseded (the first view, while the layers still load,
    // under load). Its layers are sent again with this view, so no view is ever lost.
    state.waiting.forEach(function (w) { w.layers.forEach(function (layer) { delete last[layer]; }); });
    var changed = (outputs || LAYERS).filter(function (layer) {
      return last[layer] !== drive.layerKey(layer, view, config.domain);
    });
    if (same && changed.length === 0 && !force) {
      // The view already applied (Dash's own call after an input applied it ahead of Dash):
      // nothing to paint, so nothing counts as painted.
      return drive.whenLoaded(fetched(config.withData || LAYERS)).then(function () {
        return (outputs || LAYERS).map(function () { return noUpdate; });
      });
    }
    state.seq += 1;
    view.seq = state.seq;
    changed.forEach(function (layer) { last[layer] = drive.layerKey(layer, view, config.domain); });
    var drawn = changed.filter(function (layer) { return (config.withData || LAYERS).indexOf(layer) >= 0; });
    // Painted once the layers it changed have drawn it and every layer has its data (at once if
    // it changed none and they have).
    state.waiting.push({ seq: state.seq, layers: drawn, loaded: fetched(config.withData || LAYERS) });
    drive.settle();
    var result = (outputs || LAYERS).map(function (layer) {
      return changed.indexOf(layer) >= 0 ? { config: config, view: view } : noUpdate;
    });
    // dash-leaflet ignores a new hideout while its layer is still fetching its data: a layer
    // that fetches gets its first new view once it has drawn its data once. The establishments,
    // whose data the rule sets, need not wait: a presentation's first chapter sends them theirs
    // while the other layers still load, so they draw in the same frames.
    return drive.whenLoaded(fetched(drawn)).then(function () {
      return sendData(result, outputs || LAYERS, config, view);
    });
  }

  /** The first view is the page's own (its layout was built from its address): each layer
   *  already draws it from the hideout it came with, and the establishments from the data the
   *  server chose by the same rule (``leafletmap.view_establishments``). Sending any again
   *  would draw it twice before the map counts as ready (a new hideout makes dash-leaflet
   *  rebuild a filtered layer). */
  function adoptLayoutView(hideout, view, config) {
    var own = (hideout || {}).view;
    if (!own || !drive.sameView(own, view)) { return; }
    LAYERS.forEach(function (layer) { last[layer] = drive.layerKey(layer, own, config.domain); });
  }

  /** A view that changes no layer (a chapter without a map) still counts as painted, once
   *  the layers have their data. */
  function paintAsIs(config) {
    state.seq += 1;
    var seq = state.seq;
    return drive.whenLoaded(fetched((config || {}).withData || LAYERS)).then(function () { drive.afterPaint(seq); });
  }

  // ---- Layers whose data the rule sets (clustered establishments) ----

  /** dash-leaflet's clustering indexes a layer's ``data`` and ignores its ``filter`` (GeoJSON.ts,
   *  ``_buildIndex``): a group would count hidden places. The rule hands the establishments'
   *  layer the view's own establishments as ``data``, read once from their GeoJSON URL. */
  var DATA_SET = ["etablissements"];

  function fetched(layers) {
    return layers.filter(function (layer) { return DATA_SET.indexOf(layer) < 0; });
  }

  var establishments = { url: null, promise: null };

  /** Every located establishment, each with where its data puts it (``properties.at``). */
  function allEstablishments(url) {
    if (!url || typeof fetch !== "function") { return Promise.resolve([]); }
    if (establishments.url !== url) {
      establishments.url = url;
      establishments.promise = fetch(url).then(function (response) { return response.json(); })
        .then(function (geojson) { return geojson.features || []; });
    }
    return establishments.promise;
  }

  /** Whether any feature lies in the map's visible area (else no group or marker draws). */
  function anyInView(features) {
    if (!state.map) { return features.length > 0; }
    var bounds = state.map.getBounds();
    return features.some(function (f) {
      var xy = f.geometry.coordinates;
      return bounds.contains([xy[1], xy[0]]);
    });
  }

  /** Send each data-set layer its hideout and data in one ``set_props`` (one redraw); its
   *  output becomes no_update. Without Dash's ``set_props`` (unit tests), the hideout goes out. */
  function sendData(result, outputs, config, view) {
    var dc = window.dash_clientside || {};
    var noUpdate = dc.no_update;
    var jobs = DATA_SET.map(function (layer) {
      var i = outputs.indexOf(layer);
      var id = (state.hideoutIds || {})[layer];
      if (i < 0 || result[i] === noUpdate || !dc.set_props || !id) { return null; }
      var hideout = result[i];
      result[i] = noUpdate;
      return allEstablishments(config.establishmentsUrl).then(function (features) {
        var data = drive.establishmentsData(features, view, config);
        dc.set_props(id, { hideout: hideout, data: data });
        if (!anyInView(data.features)) {
          // Nothing to draw, so no filter call reports the layer: it is painted as it is.
          state.drawn[layer] = view.seq;
          drive.settle();
        }
      });
    });
    return Promise.all(jobs).then(function () { return result; });
  }

  // ---- The page's first view ----

  /** The dashboard's first view, applied without a callback round (a first callback cost ~100 ms
   *  before the map could start): the layers draw the hideouts and the establishments the layout
   *  came with (built from the address), and the view counts as painted once all have drawn.
   *  It reads the layout through Dash's public ``dash_component_api.getLayout``, once a layer
   *  has drawn (``drive.whenAttached``: every component is then mounted). Returns whether it
   *  applied the view: not twice, nor on the presentation's page. */
  function firstView() {
    var api = typeof window !== "undefined" ? window.dash_component_api : null;
    var layerId = layerIds();
    if (state.view || !state.map || !api || !api.getLayout || !window.dash_clientside) { return false; }
    var layer = layoutOf(api, layerId.communes);
    // The presentation draws the same layers; its chapters apply their own views.
    if (!layer || !layoutOf(api, drive.ids().dashboard.EDITION)) { return false; }
    var hideout = (layer.props || {}).hideout || {};
    if (!hideout.view) { return false; }
    takeOutputs(hideout, LAYERS.filter(function (l) { return !!layerId[l]; }));
    // The view is the layout's: a copy, since applying it numbers it.
    sendAhead(Object.assign({}, hideout.view), false, hideout);
    return true;
  }

  /** A component as Dash holds it, or undefined: ``getLayout`` throws for an id the layout does
   *  not hold (Dash 4.4). */
  function layoutOf(api, id) {
    try { return api.getLayout(id); } catch (absent) { return undefined; }
  }

  /** The page's first view, once the map has drawn a layer: the map's, then the dashboard's
   *  own (``erbm.firstView``, assets/20-dashboard.js). */
  function pageFirstView() {
    firstView();
    var erbm = (window.dash_clientside || {}).erbm;
    if (erbm && erbm.firstView) { erbm.firstView(document); }
  }

  /** Once the map is painted: the rest of the dashboard's page (``erbm.pageRest``,
   *  assets/20-dashboard.js; dashboard/layout/later.py), and every establishment read for the
   *  views to come (the first view's came in the layout), so none waits for the file. */
  function pageReady() {
    var erbm = (window.dash_clientside || {}).erbm;
    if (erbm && erbm.pageRest) { erbm.pageRest(document); }
    if (state.config && state.config.establishmentsUrl) { allEstablishments(state.config.establishmentsUrl); }
  }

  // ---- Ahead of Dash ----

  /** Edition, layer and vintage inputs apply their view on the input's own ``change`` event,
   *  through Dash's public ``set_props``, ahead of Dash's callback round: the click is painted in
   *  the next frames. Dash's own ``apply`` then finds every layer's part of the view unchanged. */
  function applyNow(event) {
    var target = event.target;
    if (!state.view || !target || !target.closest) { return; }
    var dashboard = drive.ids().dashboard;
    var group = target.closest("#" + dashboard.EDITION + ", #" + dashboard.LAYERS);
    if (!group) { return; }
    var view = Object.assign({}, state.view);
    if (group.id === dashboard.EDITION) { view.edition = target.value; }
    if (group.id === dashboard.LAYERS) {
      view.layers = Array.from(group.querySelectorAll("input[type=checkbox]"))
        .filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
    }
    sendAhead(view, false);
  }

  /** A theme chosen with the pointer applies ahead of Dash too: the theme's dropdown (Dash 4's,
   *  a list of radio inputs in a popover its button names with ``aria-controls``) fires no
   *  ``change``, but the click on an option reaches its input, whose value is the theme. The
   *  theme's layers join the view (``withThemeLayers``, as Dash's round then proposes) and the
   *  figures panel shows the theme's figures (``erbm.filterKpis``): both in the next frames.
   *  A theme chosen with the keyboard goes through Dash's round. */
  function themeNow(event) {
    var target = event.target;
    if (!state.view || !target || !target.matches || !target.matches("input.dash-options-list-option-checkbox")) {
      return;
    }
    var button = document.getElementById(drive.ids().dashboard.THEME);
    var list = button && document.getElementById(button.getAttribute("aria-controls") || "");
    if (!list || !list.contains(target) || target.value === state.view.theme) { return; }
    var view = Object.assign({}, state.view, { theme: target.value });
    view.layers = drive.withThemeLayers(view.layers, view.theme, (state.config || {}).themeLayers);
    sendAhead(view, false);
    var erbm = (window.dash_clientside || {}).erbm;
    if (erbm && erbm.filterKpis) { erbm.filterKpis(view.edition, view.theme); }
  }

  /** A click on the map selects its place in the next frames, ahead of Dash (same path as inputs). */
  function selectNow(selection) {
    if (!state.view) { return; }
    sendAhead(Object.assign({}, state.view, selection), false);
  }

  /** Whether a view can be applied ahead of Dash: one applied already, and Dash's clientside
   *  API and the layers' ids known. */
  function canSendAhead() {
    var dc = window.dash_clientside;
    return !!(state.view && dc && dc.set_props && Object.keys(state.hideoutIds || {}).length);
  }

  /** Apply a view ahead of Dash: each changed layer's hideout through ``set_props``; resolves
   *  once they are sent (false when Dash's clientside API is not there yet). ``hideout`` is the
   *  one the layers hold, when it is known (the layout's, for the first view). */
  function sendAhead(view, force, hideout) {
    var dc = window.dash_clientside;
    var outputs = Object.keys(state.hideoutIds || {});
    if (!dc || !dc.set_props || !outputs.length) { return Promise.resolve(false); }
    return applyView(view, hideout || { config: state.config }, outputs, force).then(function (hideouts) {
      hideouts.forEach(function (hideout, i) {
        if (hideout !== dc.no_update) { dc.set_props(state.hideoutIds[outputs[i]], { hideout: hideout }); }
      });
      return true;
    });
  }

  /** A click reports what it designates (``clickOf``); the view (and the URL) follow from there. */
  function onClick(kind) {
    return function (e, ctx) {
      var click = drive.clickOf(kind, e.layer && e.layer.feature && e.layer.feature.properties);
      if (!click) { return; }
      if (click.select) { selectNow(click.select); }
      ctx.setProps({ clickData: Object.assign(click.data, { at: Date.now() }) });
    };
  }

  var events = { commune: onClick("commune"), etablissement: onClick("etablissement"), nom: onClick("nom") };

  return {
    apply: apply, applyView: applyView, takeOutputs: takeOutputs, paintAsIs: paintAsIs,
    allEstablishments: allEstablishments, applyNow: applyNow, themeNow: themeNow, firstView: firstView,
    pageFirstView: pageFirstView, pageReady: pageReady,
    selectNow: selectNow, canSendAhead: canSendAhead, sendAhead: sendAhead, events: events,
  };
}));
