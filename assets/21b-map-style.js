// How the map's rule draws (the rule's second part, after 21a-map-rule.js): Leaflet styles and
// filters of each layer, the names and markers, the tooltips, from the symbols, zone colours and
// words Python sends in `hideout.config`. Pure like the rule: no DOM, no Dash, no module state;
// the drive (21c-map-drive.js) installs its paint tracking through `layerFunctions`.
(function (root, factory) {
  var inNode = typeof module === "object" && module.exports;
  var rule = inNode ? require("./21a-map-rule.js") : root.erbmMap;
  var api = factory(rule);
  if (inNode) {
    module.exports = Object.assign({}, rule, api);
  } else {
    root.erbmMap = Object.assign(root.erbmMap || {}, api);
  }
}(typeof self !== "undefined" ? self : this, function (rule) {
  "use strict";

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

  /** Each layer's style and filter functions, as dash-leaflet calls them. Every call first
   *  reports its layer to ``drew(context, layer)``: the drive's paint tracking installs it, so
   *  the rule itself keeps no state (a test passes its own). Filters run once per feature on
   *  each draw, so a layer that shows nothing in a view still reports itself drawn. */
  function layerFunctions(drew) {
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
        var zone = rule.zoneOf(feature.properties, hideout.view, hideout.config.domain);
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
      contrats: function (feature, context) {
        drew(context, "contrats");
        return rule.showsContract(feature.properties, context.hideout.view);
      },
      epci: function (feature, context) { drew(context, "epci"); return rule.shows("epci", context.hideout.view); },
      perimetre: function (feature, context) {
        drew(context, "perimetre");
        return rule.shows("perimetre", context.hideout.view);
      },
      selection: function (feature, context) {
        drew(context, "selection");
        return feature.properties.insee === context.hideout.view.commune;
      },
      selectionEpci: function (feature, context) {
        drew(context, "selection-epci");
        var view = context.hideout.view;
        return rule.shows("selection-epci", view) && feature.properties.epci_siren === view.epci;
      },
      noms: function (feature, context) {
        drew(context, "noms");
        var props = feature.properties;
        if (Math.min(props.minzoom, props.minzoomEpci) > labelZoom(context)) { return false; }
        return props.kind === "commune" || rule.shows("epci", context.hideout.view);
      },
      etablissements: function (feature, context) {
        drew(context, "etablissements");
        var hideout = context.hideout;
        // A group of markers (dash-leaflet's clustering) is drawn; a spiderfy leg is not.
        if (feature.properties.cluster) { return true; }
        return rule.showsEstablishment(feature.properties, hideout.view, hideout.config.themeCategories,
          hideout.config.domain.allThemes);
      },
    };
    return { styles: styles, filters: filters };
  }

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

  /** Whether a point is where its data put it (``properties.at``, set when the drive reads them). */
  function inPlace(feature) {
    var at = (feature.properties || {}).at;
    var xy = (feature.geometry || {}).coordinates || [];
    return !at || (at[0] === xy[0] && at[1] === xy[1]);
  }

  /** Up to which zoom names are made: the map's zoom when the layer draws, or a deeper one the
   *  drive asked for (``hideout.labelZoom``, once the map zoomed in). A name is made only from its
   *  first zoom in any view: the region's 3,874 names made at zoom 8, where 17 show, cost more
   *  than the rest of its map. Without the map (a test), every name is made. */
  function labelZoom(context) {
    var map = context.map;
    var zoom = map ? Math.floor(map.getZoom() + 1e-6) : Infinity;
    return Math.max(zoom, (context.hideout || {}).labelZoom || -Infinity);
  }

  /** A name (commune or EPCI) or an establishment's marker, built with Leaflet's constructors
   *  (``window.L``: they make objects, the map adds them to the page). */
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

  return {
    layerFunctions: layerFunctions, communeTooltip: communeTooltip, markerIcon: markerIcon,
    inPlace: inPlace, pointToLayer: pointToLayer, clusterToLayer: clusterToLayer, labelZoom: labelZoom,
  };
}));
