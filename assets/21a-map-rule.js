// The map's one rule: what shows, and how, for a view state.
//
// Python sends data (the GeoJSON files, the symbols and labels in each layer's `hideout.config`)
// and the view state (`hideout.view`: edition, vintage, layers, theme, commune, epci). The
// functions below turn them into Leaflet styles, filters and markers; dash-leaflet calls them
// through its public props (style, filter, pointToLayer, onEachFeature, eventHandlers).
// Nothing here reaches into a library's private state.
//
// The map container (Ids.MAP, "map") carries a test contract, set through Leaflet's public API:
//   data-ready="true"  once the first view is painted;
//   data-painted       incremented in the frame after each view change has been painted;
//   data-bounds        the visible area, "west,south,east,north" in degrees.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.erbmMap = api;
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbmMap = { apply: api.apply, recentre: api.recentre, chapter: api.chapter };
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ---- The rule (pure; unit-tested with node --test) ----

  function has(view, layer) {
    return (view.layers || []).indexOf(layer) >= 0;
  }

  /** Whether a layer is on in a view (the same test for map, legend and tooltips). */
  function shows(layer, view) {
    if (layer === "selection") { return !!view.commune; }
    if (layer === "selection-epci") { return !!view.epci && !view.commune; }
    if (layer === "voisins" || layer === "communes" || layer === "noms") { return true; }
    return has(view, layer);
  }

  /** The zone of a commune in the view's vintage, or "" when zoning is off.
   *  ``domain`` is the vocabulary Python sends (``Domain.browser_config``): a commune without a
   *  zone in that vintage gets its not-loaded marker. */
  function zoneOf(properties, view, domain) {
    if (!has(view, "zonage")) { return ""; }
    return (properties.zones || {})[view.vintage] || (domain || {}).notLoaded || "";
  }

  /** Whether a contract area (CLS, CLSM per edition, or a CPTS) is drawn in a view. */
  function showsContract(properties, view) {
    if (!has(view, properties.layer)) { return false; }
    return properties.layer === "cpts" || properties.edition === view.edition;
  }

  /** Whether an establishment is drawn: its category on, cited by the view's edition, of its theme.
   *  In a theme, a category keeps only that theme's points when it has some (a slide on women's
   *  health shows the maison des femmes, not every device); otherwise all, as context. */
  function showsEstablishment(properties, view, themeCategories, allThemes) {
    if (!has(view, properties.categorie)) { return false; }
    if ((properties.editions || []).indexOf(view.edition) < 0) { return false; }
    var theme = view.theme;
    if (!theme || theme === allThemes) { return true; }
    var categories = (themeCategories || {})[theme] || [];
    return categories.indexOf(properties.categorie) < 0 || properties.theme === theme;
  }

  /** What part of the view each layer depends on: a layer is redrawn only when its key changes. */
  function layerKey(layer, view, domain) {
    switch (layer) {
      case "communes": return [has(view, "zonage"), view.vintage].join("|");
      case "contrats": return [has(view, "cls"), has(view, "clsm"), has(view, "cpts"), view.edition].join("|");
      case "epci": return String(has(view, "epci"));
      case "perimetre": return String(has(view, "perimetre"));
      case "selection": return view.commune || "";
      case "selection-epci": return view.commune ? "" : (view.epci || "");
      case "noms": return String(has(view, "epci"));
      case "etablissements":
        return ((domain || {}).categories || []).map(function (c) { return has(view, c); })
          .concat([view.edition, view.theme || ""]).join("|");
      default: return "";
    }
  }

  /** Whether a legend item (its data attributes) explains something shown in the view. */
  function legendShows(item, view) {
    if (item.layer && !shows(item.layer, view)) { return false; }
    if (item.vintage && item.vintage !== view.vintage) { return false; }
    if (item.edition && item.edition !== view.edition) { return false; }
    return true;
  }

  // ---- Component ids (from Python: window.erbmIds, see erbm_map.web.clientids) ----

  function ids() {
    return (typeof window !== "undefined" && window.erbmIds) || { dashboard: {}, mapLayers: {} };
  }

  /** The component id of each layer of the rule. */
  function layerIds() { return ids().mapLayers || {}; }

  // ---- Drawing (Leaflet) ----

  var state = { seq: 0, painted: 0, ready: false, drawn: {}, waiting: [], map: null, view: null, home: null };

  function container() { return state.map ? state.map.getContainer() : null; }

  function writeBounds(map) {
    var b = map.getBounds();
    var el = map.getContainer();
    el.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (v) { return v.toFixed(5); }).join(",");
    el.dataset.zoom = String(Math.floor(map.getZoom() + 1e-6));
    showLabels(map);
  }

  function showLabels(map) {
    var zoom = map.getZoom();
    // Beside the intercommunality names, towns yield to them (their own first zoom).
    var withEpci = !!state.view && has(state.view, "epci");
    var nodes = map.getContainer().querySelectorAll(".erbm-label[data-minzoom]");
    for (var i = 0; i < nodes.length; i += 1) {
      var first = withEpci ? nodes[i].dataset.minzoomEpci : nodes[i].dataset.minzoom;
      var hidden = Number(first) > zoom + 1e-6;
      if (nodes[i].hidden !== hidden) { nodes[i].hidden = hidden; }
    }
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

  /** On a touch screen, one finger scrolls the page and two fingers move the map: dragging
   *  is off, so Leaflet's CSS leaves the container `touch-action: pan-x pan-y`, and its
   *  pinch handler (touchZoom) still zooms and pans. A hint says so (`.erbm-two-fingers`). */
  function twoFingers(map) {
    var coarse = typeof window.matchMedia === "function" && window.matchMedia("(pointer: coarse)").matches;
    if (!(window.L.Browser.mobile || coarse) || !map.dragging || !map.dragging.enabled()) { return; }
    map.dragging.disable();
    window.L.DomUtil.addClass(map.getContainer(), "erbm-two-fingers");
  }

  function attach(map, config) {
    if (state.map === map) { return; }
    state.map = map;
    state.home = config.home;
    state.homeView = homeTarget(map);
    describeContainer(map, config);
    // The map may already have been moved (a linked commune) before its layers first drew.
    var wasHome = atHome(map);
    map.on("moveend", function () { wasHome = atHome(map); writeBounds(map); });
    map.on("zoomend", function () { showLabels(map); });
    twoFingers(map);
    // The territory stays whole on a resize, unless the user has moved away from it.
    map.on("resize", function () {
      if (wasHome) { fitHome(map); }
      writeBounds(map);
    });
    writeBounds(map);
  }

  /** Each layer's functions report the view they drew; the frame after, the view is painted. */
  function drew(context, layer) {
    var hideout = context.hideout || {};
    var view = hideout.view || {};
    if (context.map) { attach(context.map, hideout.config || {}); }
    var seq = view.seq || 0;
    if (state.drawn[layer] === seq) { return; }
    state.drawn[layer] = seq;
    loaded.resolve = loaded.resolve.filter(function (check) { return !check(); });
    settle();
  }

  function settle() {
    var pending = state.waiting.filter(function (w) { return !w.layers.every(function (l) { return state.drawn[l] >= w.seq; }); });
    var done = state.waiting.filter(function (w) { return pending.indexOf(w) < 0; });
    state.waiting = pending;
    done.forEach(function (w) { afterPaint(w.seq); });
  }

  function afterPaint(seq) {
    var raf = typeof requestAnimationFrame === "function" ? requestAnimationFrame : function (f) { setTimeout(f, 16); };
    raf(function () {
      raf(function () {
        var el = container() || (typeof document !== "undefined" ? document.getElementById(ids().dashboard.MAP) : null);
        if (!el || seq <= state.painted) { return; }
        state.painted = seq;
        el.dataset.painted = String(seq);
        if (!state.ready) {
          state.ready = true;
          el.dataset.ready = "true";
        }
      });
    });
  }

  function symbol(config, key) { return (config.symbols || {})[key] || {}; }

  /** SVG dash patterns of the line styles of sources/symbols.csv (the paper map has its own). */
  var DASHES = { solid: null, dashed: "8 6", dotted: "2 5" };

  function lineStyle(sym, extra) {
    return Object.assign({
      color: sym.line,
      weight: Number(sym.width || 1),
      dashArray: DASHES[sym.linestyle] || null,
      fill: false,
      opacity: 1,
      interactive: false,
    }, extra || {});
  }

  var styles = {
    voisins: function (feature, context) {
      drew(context, "voisins");
      var sym = symbol(context.hideout.config, "voisins");
      return lineStyle(sym, { fill: true, fillColor: sym.color, fillOpacity: 1 });
    },
    communes: function (feature, context) {
      drew(context, "communes");
      var hideout = context.hideout;
      var sym = symbol(hideout.config, "communes");
      var zone = zoneOf(feature.properties, hideout.view, hideout.config.domain);
      var colour = zone ? ((hideout.config.zones || {})[zone] || {}).color : sym.color;
      var edge = zone ? symbol(hideout.config, "zone") : sym;
      return { color: edge.line, weight: Number(edge.width || 0.6), fill: true,
        fillColor: colour || sym.color, fillOpacity: zone ? 0.9 : 1, opacity: 1 };
    },
    contrats: function (feature, context) {
      // Each feature is a band inside its territory's edge (data/mapassets.inner_band): filled,
      // with no stroke, so a contract never draws on the EPCI line.
      drew(context, "contrats");
      var sym = symbol(context.hideout.config, feature.properties.layer);
      return { stroke: false, fill: true, fillColor: sym.line, fillOpacity: 0.85, interactive: false };
    },
    epci: function (feature, context) {
      drew(context, "epci");
      return lineStyle(symbol(context.hideout.config, "epci"));
    },
    perimetre: function (feature, context) {
      drew(context, "perimetre");
      return lineStyle(symbol(context.hideout.config, "perimetre"));
    },
    selection: function (feature, context) {
      drew(context, "selection");
      return lineStyle(symbol(context.hideout.config, "selection"));
    },
    selectionEpci: function (feature, context) {
      drew(context, "selection-epci");
      return lineStyle(symbol(context.hideout.config, "selection"));
    },
  };

  var filters = {
    // Filters run once per feature on each draw: each reports its layer as drawn, so a layer
    // that shows nothing in a view still counts as painted.
    contrats: function (feature, context) {
      drew(context, "contrats");
      return showsContract(feature.properties, context.hideout.view);
    },
    epci: function (feature, context) { drew(context, "epci"); return shows("epci", context.hideout.view); },
    perimetre: function (feature, context) {
      drew(context, "perimetre");
      return shows("perimetre", context.hideout.view);
    },
    selection: function (feature, context) {
      drew(context, "selection");
      return feature.properties.insee === context.hideout.view.commune;
    },
    selectionEpci: function (feature, context) {
      drew(context, "selection-epci");
      var view = context.hideout.view;
      return shows("selection-epci", view) && feature.properties.epci_siren === view.epci;
    },
    noms: function (feature, context) {
      drew(context, "noms");
      return feature.properties.kind === "commune" || shows("epci", context.hideout.view);
    },
    etablissements: function (feature, context) {
      drew(context, "etablissements");
      var hideout = context.hideout;
      // A group of markers (dash-leaflet's clustering) is drawn; a spiderfy leg is not.
      if (feature.properties.cluster) { return true; }
      return showsEstablishment(feature.properties, hideout.view, hideout.config.themeCategories,
        hideout.config.domain.allThemes);
    },
  };

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** The tooltip of a commune in a view: name, zone and the contracts that cover it. */
  function communeTooltip(properties, view, config) {
    var text = config.text || {};
    var lines = ["<strong>" + escape(properties.nom) + "</strong>"];
    var zone = (properties.zones || {})[view.vintage];
    if (zone) {
      var label = ((config.zones || {})[zone] || {}).label || zone;
      lines.push(escape(text.zone.replace("{vintage}", view.vintage)) + " : " + escape(label));
    }
    var contracts = [];
    var types = (config.domain || {}).contractTypes || {};
    Object.keys(types).forEach(function (kind) {
      if ((properties[kind] || []).indexOf(view.edition) >= 0) { contracts.push(escape(types[kind])); }
    });
    (properties.cpts || []).forEach(function (name) { contracts.push(escape(name)); });
    lines.push(escape(text.contracts.replace("{edition}", view.edition)) + " : "
      + (contracts.length ? contracts.join(", ") : escape(text.none)));
    return lines.join("<br>");
  }

  function markerIcon(sym, fan, scale) {
    var size = Math.round(22 * (scale || 1));
    var dx = (fan || [0, 0])[0];
    var dy = (fan || [0, 0])[1];
    var style = "background:" + sym.color + ";border-color:" + sym.line
      + ";font-size:" + Math.round(12 * (scale || 1)) + "px";
    return {
      className: "erbm-marker erbm-marker--" + (sym.shape || "circle"),
      html: '<span style="' + style + '">' + escape(sym.letter || "") + "</span>",
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy],
    };
  }

  function pointToLayer(feature, latlng, context) {
    var L = window.L;
    var props = feature.properties;
    var config = context.hideout.config;
    if (props.kind === "commune" || props.kind === "epci") {
      var cls = "erbm-label erbm-label--" + props.kind;
      return L.marker(latlng, {
        // In the names' pane (above the markers): Leaflet's markers default to its marker pane.
        pane: context.pane || "markerPane",
        icon: L.divIcon({ className: "erbm-label-anchor", iconSize: [0, 0],
          html: '<span class="' + cls + '" data-minzoom="' + props.minzoom + '" data-minzoom-epci="'
            + props.minzoomEpci + '">' + escape(props.nom) + "</span>" }),
        interactive: props.kind === "epci",
        // Not a Tab stop: the EPCI list (Ids.EPCI_SELECT) is the keyboard's way to an EPCI.
        keyboard: false,
        title: props.kind === "epci" ? props.nom : "",
      });
    }
    var sym = symbol(config, props.categorie);
    // Fanned out around its town hall; a marker a group spread out (spiderfy) is placed already.
    var fan = inPlace(feature) ? props.fan : null;
    var marker = L.marker(latlng, {
      icon: L.divIcon(markerIcon(sym, fan, config.markerScale)),
      // Not a Tab stop: the map is one (arrow keys pan it); the commune search opens a place.
      keyboard: false,
      title: props.nom,
      alt: props.nom,
      riseOnHover: true,
    });
    var label = ((config.text || {}).categories || {})[props.categorie] || "";
    marker.bindTooltip("<strong>" + escape(props.nom) + "</strong><br>" + escape(props.commune)
      + "<br>" + escape(sym.letter + " — " + label), { direction: "top", offset: [0, -10] });
    return marker;
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

  /** Whether a point is where its data put it (``properties.at``, set by ``allEstablishments``). */
  function inPlace(feature) {
    var at = (feature.properties || {}).at;
    var xy = (feature.geometry || {}).coordinates || [];
    return !at || (at[0] === xy[0] && at[1] === xy[1]);
  }

  /** A group of nearby markers (dash-leaflet's clustering): its count, and a click spreads it. */
  function clusterToLayer(feature, latlng, index, context) {
    var L = window.L;
    var config = context.hideout.config;
    var scale = config.markerScale || 1;
    var size = Math.round(28 * scale);
    var count = feature.properties.point_count;
    var title = ((config.text || {}).cluster || "{count}").replace("{count}", count);
    // Colours and shape in the stylesheet (.erbm-cluster span): only the size follows the scale.
    var style = "font-size:" + Math.round(13 * scale) + "px";
    return L.marker(latlng, {
      icon: L.divIcon({
        className: "erbm-marker erbm-cluster",
        html: '<span style="' + style + '">' + escape(count) + "</span>",
        iconSize: [size, size],
      }),
      keyboard: false,
      title: title,
      alt: title,
      riseOnHover: true,
    });
  }

  function onEachCommune(feature, layer, context) {
    notTabbable(layer);
    var config = context.hideout.config;
    layer.bindTooltip(function () {
      return communeTooltip(feature.properties, state.view || context.hideout.view, config);
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

  var events = {
    // A click reports what it designates; the view (and the URL) follow from there.
    commune: function (e, ctx) {
      var p = e.layer && e.layer.feature && e.layer.feature.properties;
      if (p && p.perimetre) {
        selectNow({ commune: p.insee });
        ctx.setProps({ clickData: { insee: p.insee, at: Date.now() } });
      }
    },
    etablissement: function (e, ctx) {
      var p = e.layer && e.layer.feature && e.layer.feature.properties;
      // A click on a group spreads it (dash-leaflet): it designates no place.
      if (p && !p.cluster) {
        if (p.insee) { selectNow({ commune: p.insee }); }
        ctx.setProps({ clickData: { insee: p.insee, id: p.id, at: Date.now() } });
      }
    },
    nom: function (e, ctx) {
      var p = e.layer && e.layer.feature && e.layer.feature.properties;
      if (p && p.kind === "epci") {
        selectNow({ epci: p.epci });
        ctx.setProps({ clickData: { epci: p.epci, at: Date.now() } });
      }
    },
  };

  // ---- Applying a view (Dash clientside callback) ----

  var LAYERS = ["communes", "contrats", "epci", "perimetre", "selection", "selection-epci", "noms", "etablissements"];
  var last = {};

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

  /** Remember each output layer's component id, for the views applied ahead of Dash. */
  function rememberOutputs(outputs) {
    state.hideoutIds = {};
    outputs.forEach(function (layer) { state.hideoutIds[layer] = layerIds()[layer]; });
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
    var outputs = outputLayers();
    state.config = (hideout || {}).config;
    rememberOutputs(outputs);
    return applyView(view, hideout, outputs);
  }

  function sameView(a, b) {
    var keys = ["edition", "vintage", "theme", "commune", "epci"];
    var layers = function (v) { return (v.layers || []).slice().sort().join(","); };
    return keys.every(function (k) { return (a[k] || "") === (b[k] || ""); }) && layers(a) === layers(b);
  }

  /** A view -> one hideout per layer of ``outputs``, once every layer has its data. */
  function applyView(view, hideout, outputs, force) {
    var noUpdate = window.dash_clientside.no_update;
    var same = !!state.view && sameView(state.view, view);
    state.view = view;
    applyLegend(view);
    var config = (hideout || {}).config || {};
    // A view not painted yet may never arrive: Dash drops the result of a callback call that a
    // newer call of the same callback superseded (the first view, while the layers still load,
    // under load). Its layers are sent again with this view, so no view is ever lost.
    state.waiting.forEach(function (w) { w.layers.forEach(function (layer) { delete last[layer]; }); });
    var changed = (outputs || LAYERS).filter(function (layer) {
      return last[layer] !== layerKey(layer, view, config.domain);
    });
    if (same && changed.length === 0 && !force) {
      // The view already applied (Dash's own call after an input applied it ahead of Dash):
      // nothing to paint, so nothing counts as painted.
      return whenLoaded(fetched(config.withData || LAYERS)).then(function () {
        return (outputs || LAYERS).map(function () { return noUpdate; });
      });
    }
    state.seq += 1;
    view.seq = state.seq;
    changed.forEach(function (layer) { last[layer] = layerKey(layer, view, config.domain); });
    var drawn = changed.filter(function (layer) { return (config.withData || LAYERS).indexOf(layer) >= 0; });
    if (drawn.length === 0) {
      afterPaint(state.seq);
    } else {
      state.waiting.push({ seq: state.seq, layers: drawn });
    }
    var result = (outputs || LAYERS).map(function (layer) {
      return changed.indexOf(layer) >= 0 ? { config: config, view: view } : noUpdate;
    });
    // dash-leaflet ignores a new hideout while its layer is still fetching its data: the first
    // view waits until every layer has drawn its data once.
    return whenLoaded(fetched(config.withData || LAYERS)).then(function () {
      return sendData(result, outputs || LAYERS, config, view);
    });
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

  /** Every located establishment, each remembering where it stands (``properties.at``). */
  function allEstablishments(url) {
    if (!url || typeof fetch !== "function") { return Promise.resolve([]); }
    if (establishments.url !== url) {
      establishments.url = url;
      establishments.promise = fetch(url).then(function (response) { return response.json(); })
        .then(function (geojson) {
          return (geojson.features || []).map(function (f) {
            f.properties.at = f.geometry.coordinates.slice();
            return f;
          });
        });
    }
    return establishments.promise;
  }

  /** The view's establishments as a layer's ``data``. */
  function establishmentsData(features, view, config) {
    return {
      type: "FeatureCollection",
      features: features.filter(function (f) {
        return showsEstablishment(f.properties, view, config.themeCategories, config.domain.allThemes);
      }),
    };
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
        var data = establishmentsData(features, view, config);
        dc.set_props(id, { hideout: hideout, data: data });
        if (!anyInView(data.features)) {
          // Nothing to draw, so no filter call reports the layer: it is painted as it is.
          state.drawn[layer] = view.seq;
          settle();
        }
      });
    });
    return Promise.all(jobs).then(function () { return result; });
  }

  var loaded = { resolve: [], };

  function whenLoaded(layers) {
    return new Promise(function (resolve) {
      var check = function () {
        if (layers.every(function (l) { return l in state.drawn; })) { resolve(); return true; }
        return false;
      };
      if (!check()) { loaded.resolve.push(check); }
    });
  }

  function applyLegend(view) {
    if (typeof document === "undefined") { return; }
    var items = document.querySelectorAll("#" + ids().dashboard.MAP_LEGEND + " [data-legend]");
    for (var i = 0; i < items.length; i += 1) {
      var d = items[i].dataset;
      var hidden = !legendShows({ layer: d.layer, vintage: d.vintage, edition: d.edition }, view);
      if (items[i].hidden !== hidden) { items[i].hidden = hidden; }
    }
  }

  /** Edition, layer and vintage inputs apply their view on the input's own ``change`` event,
   *  through Dash's public ``set_props``, ahead of Dash's callback round: the click is painted in
   *  the next frames. Dash's own ``apply`` then finds every layer's part of the view unchanged. */
  function applyNow(event) {
    var target = event.target;
    if (!state.view || !target || !target.closest) { return; }
    var dashboard = ids().dashboard;
    var group = target.closest("#" + dashboard.EDITION + ", #" + dashboard.LAYERS);
    if (!group) { return; }
    var view = Object.assign({}, state.view);
    if (group.id === dashboard.EDITION) { view.edition = target.value; }
    if (group.id === dashboard.LAYERS) {
      view.layers = Array.from(group.querySelectorAll("input[type=checkbox]"))
        .filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
    }
    applyAhead(view);
  }

  /** A click on the map selects its place in the next frames, ahead of Dash (same path as inputs). */
  function selectNow(selection) {
    if (!state.view) { return; }
    applyAhead(Object.assign({}, state.view, selection));
  }

  /** Apply a view ahead of Dash: each changed layer's hideout through ``set_props``; resolves
   *  once they are sent (false when Dash's clientside API is not there yet). */
  function sendAhead(view, force) {
    var dc = window.dash_clientside;
    var outputs = Object.keys(state.hideoutIds || {});
    if (!dc || !dc.set_props || !outputs.length) { return Promise.resolve(false); }
    return applyView(view, { config: state.config }, outputs, force).then(function (hideouts) {
      hideouts.forEach(function (hideout, i) {
        if (hideout !== dc.no_update) { dc.set_props(state.hideoutIds[outputs[i]], { hideout: hideout }); }
      });
      return true;
    });
  }

  function applyAhead(view) { sendAhead(view, false); }

  if (typeof document !== "undefined") { document.addEventListener("change", applyNow, true); }

  /** A chapter's view and frame, from the deck's data. */
  function chapterView(entry, base, config) {
    var home = config.home || {};
    var view = {
      edition: base.edition, vintage: base.vintage, layers: entry.layers || [], theme: entry.theme || "",
      commune: entry.commune || "", epci: entry.epci || "",
    };
    var viewport = entry.bounds
      ? { bounds: entry.bounds, options: { padding: [40, 40], maxZoom: 12, animate: false } }
      : { bounds: home.bounds, options: { padding: home.padding, animate: false } };
    return { view: view, viewport: viewport };
  }

  /** The presentation's key press: the chapter's map in the next frames, ahead of Dash. */
  function chapterNow(index) {
    var dc = window.dash_clientside;
    var deck = state.deck;
    var entry = ((deck || {}).chapters || [])[index];
    var ready = dc && dc.set_props && Object.keys(state.hideoutIds || {}).length;
    if (!entry || !entry.map || !state.view || !ready) { return; }
    var next = chapterView(entry, state.view, state.config || {});
    state.frame = JSON.stringify(next.viewport);
    sendAhead(next.view, true).then(function (sent) {
      if (sent) { dc.set_props(ids().dashboard.MAP, { viewport: next.viewport }); }
    });
  }

  /** The presentation: a chapter's layers, theme and commune, and the view that frames it. */
  function chapter(index, deck, hideout) {
    var noUpdate = window.dash_clientside.no_update;
    var entry = ((deck || {}).chapters || [])[index];
    var config = (hideout || {}).config || {};
    var outputs = outputLayers();
    state.deck = deck;
    state.config = config;
    rememberOutputs(outputs);
    if (!entry || !entry.map) {
      // A chapter without a map leaves it as it is; the map still reports itself painted.
      state.seq += 1;
      var seq = state.seq;
      whenLoaded(fetched(config.withData || LAYERS)).then(function () { afterPaint(seq); });
      return outputs.map(function () { return noUpdate; }).concat([noUpdate]);
    }
    var next = chapterView(entry, (hideout || {}).view || {}, config);
    var frame = JSON.stringify(next.viewport);
    // Already applied by the key press (chapterNow): nothing new to paint.
    var ahead = frame === state.frame && !!state.view && sameView(state.view, next.view);
    state.frame = frame;
    // Otherwise a chapter counts as a new view: its frame may change even where its layers do not.
    return applyView(next.view, hideout, outputs, !ahead).then(function (hideouts) {
      return hideouts.concat([ahead ? noUpdate : next.viewport]);
    });
  }

  /** « Recentrer »: the whole territory again. */
  function recentre(clicks) {
    if (clicks && state.map) { fitHome(state.map); }
    return window.dash_clientside.no_update;
  }

  return {
    shows: shows, zoneOf: zoneOf, showsContract: showsContract, showsEstablishment: showsEstablishment,
    layerKey: layerKey, legendShows: legendShows, communeTooltip: communeTooltip, markerIcon: markerIcon,
    styles: styles, filters: filters, pointToLayer: pointToLayer, clusterToLayer: clusterToLayer,
    establishmentsData: establishmentsData, onEachCommune: onEachCommune,
    onEachLabel: onEachLabel, events: events, apply: apply, applyView: applyView, chapter: chapter, chapterNow: chapterNow, recentre: recentre,
    chapterView: chapterView, LAYERS: LAYERS,
  };
}));
