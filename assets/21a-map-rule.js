// The map's one rule: what shows for a view state. The first of the map's parts, each loaded
// after those it needs (Dash loads assets in alphabetical order):
//   21a-map-rule.js      what shows (this file) and what a click designates;
//   21b-map-style.js     how it is drawn: Leaflet styles, filters, markers, tooltips;
//   21c-map-drive.js     the drive: the map attached, paint tracking, names by zoom, touch;
//   21d-map-views.js     views applied (Dash's callback and ahead of Dash), clicks;
//   21e-map-chapters.js  the presentation's chapters.
// The rule (21a, 21b) is pure: no DOM, no Dash, no module state. In the browser the parts add
// up to `window.erbmMap`; in Node each part exports itself and what it needs (`node --test`).
//
// Python sends data (the GeoJSON files, the symbols and labels in each layer's `hideout.config`)
// and the view state (`hideout.view`: edition, vintage, layers, theme, commune, epci). The rule
// turns them into Leaflet styles, filters and markers; dash-leaflet calls them through its
// public props (style, filter, pointToLayer, onEachFeature, eventHandlers). Nothing here reaches
// into a library's private state. The map container's test contract (data-ready, data-painted,
// data-bounds) is kept by the drive (21c-map-drive.js).
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.erbmMap = Object.assign(root.erbmMap || {}, api);
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** The map's layers, in the order a callback outputs them when Python names none. */
  var LAYERS = ["communes", "contrats", "epci", "perimetre", "selection", "selection-epci", "noms", "etablissements"];

  function has(view, layer) {
    return (view.layers || []).indexOf(layer) >= 0;
  }

  /** Whether a layer is on in a view (map and tooltips; the legend's side is core/state.layer_shown). */
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

  /** Whether two views show the same thing (the order of their layers aside). */
  function sameView(a, b) {
    var keys = ["edition", "vintage", "theme", "commune", "epci"];
    var layers = function (v) { return (v.layers || []).slice().sort().join(","); };
    return keys.every(function (k) { return (a[k] || "") === (b[k] || ""); }) && layers(a) === layers(b);
  }

  /** The view's establishments as a layer's ``data`` (what its clustering may count). */
  function establishmentsData(features, view, config) {
    return {
      type: "FeatureCollection",
      features: features.filter(function (f) {
        return showsEstablishment(f.properties, view, config.themeCategories, config.domain.allThemes);
      }),
    };
  }

  /** What a click on a feature of a layer designates: the place it selects (``select``, or
   *  none) and the layer's ``clickData``; null when it designates nothing. A commune outside
   *  the perimeter, a group of markers (a click spreads it) and a town's name designate nothing. */
  function clickOf(kind, p) {
    if (!p) { return null; }
    if (kind === "commune") {
      return p.perimetre ? { select: { commune: p.insee }, data: { insee: p.insee } } : null;
    }
    if (kind === "etablissement") {
      return p.cluster ? null : { select: p.insee ? { commune: p.insee } : null, data: { insee: p.insee, id: p.id } };
    }
    if (kind === "nom") {
      return p.kind === "epci" ? { select: { epci: p.epci }, data: { epci: p.epci } } : null;
    }
    return null;
  }

  /** The layers a theme's choice turns on: those on, then the theme's that were off (in the
   *  theme's order). The same proposal as the server's (``urlsync.theme_proposal``), so a theme
   *  paints with its layers in the next frames, before the server's answer ticks their boxes. */
  function withThemeLayers(layers, theme, themeLayers) {
    var on = (layers || []).slice();
    ((themeLayers || {})[theme] || []).forEach(function (layer) {
      if (on.indexOf(layer) < 0) { on.push(layer); }
    });
    return on;
  }

  return {
    LAYERS: LAYERS, has: has, shows: shows, zoneOf: zoneOf, showsContract: showsContract,
    showsEstablishment: showsEstablishment, layerKey: layerKey, withThemeLayers: withThemeLayers,
    sameView: sameView, establishmentsData: establishmentsData, clickOf: clickOf,
  };
}));
