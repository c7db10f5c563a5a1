// The dashboard map's view (edition, zoning vintage, layers, selected commune) is applied here,
// in MapLibre, not by a plotly redraw. Plotly hands every source back to MapLibre on any
// update, which costs 0.7 to 1.4 s per click without a GPU; changing the paint or visibility
// of layers that are already loaded costs one or two frames. The figure (built once by
// erbm_map.figures.livemap.build_live_map) has a trace for every layer, edition and vintage under a
// stable uid, and `layout.meta.erbm` carries the rule that says which trace shows in which view.
// docs/performance.md tells the measures behind each choice.
//
// MapLibre stays consistent whatever plotly does later (a resize or a relayout makes plotly
// re-add layers and reset their visibility and paint): the map's `addLayer`,
// `setLayoutProperty` and `setPaintProperty`, and the sources' `addSource` and `setData`, keep
// the view's values for the layers this file manages. The selected commune is a feature state
// of the selection trace (every commune, outlined only where `selected` is set).
(function () {
  "use strict";

  var PREFIX = "plotly-trace-layer-";
  var SELECTION_SOURCE = "source-selection";
  var RECENTRE = "erbm-recentre";
  var live = (window.erbmLive = {
    gd: null,
    map: null,
    meta: null,
    state: null,
    shown: null,
    selected: "",
    clicked: "",
    plotted: false,
    recentre: null,
    view: null,
    indexes: {},
    deferred: {},
    opacity: {},
  });

  // Same rule as erbm_map.figures.livemap.rule_shows (the browser tests compare the two).
  live.shows = function (rule, state, zoned) {
    var layers = state.layers || [];
    if (rule.kind === "base") {
      return !(layers.indexOf("zonage") >= 0 && zoned.indexOf(state.vintage) >= 0);
    }
    if (rule.kind === "selection") { return !!state.commune; }
    return layers.indexOf(rule.layer) >= 0
      && (!rule.edition || rule.edition === state.edition)
      && (!rule.vintage || rule.vintage === state.vintage);
  };

  live.visibleFor = function (state) {
    var rules = live.meta.rules;
    return Object.keys(rules).filter(function (uid) {
      return live.shows(rules[uid], state, live.meta.zoned);
    }).sort();
  };

  function uidOf(layerId) {
    if (typeof layerId !== "string" || layerId.indexOf(PREFIX) !== 0) { return null; }
    var rest = layerId.slice(PREFIX.length);
    var uid = rest.slice(0, rest.lastIndexOf("-"));
    return live.meta && uid in live.meta.rules ? uid : null;
  }

  // How a managed layer is hidden. A choropleth's fill and outline are made transparent: MapLibre
  // skips drawing a layer of opacity 0, and changing a paint property is one frame, where
  // `visibility` makes it tile the source again (a second frame, 0.1 s here). Markers and
  // labels are switched with `visibility`, so that hidden labels do not push visible ones away.
  var OPACITY = { fill: "fill-opacity", line: "line-opacity" };

  // The paint property that hides a managed layer, or null if `visibility` does (or nothing).
  // A layer may be given as its id only, if the map already has it.
  function opacityProp(map, layer) {
    var found = typeof layer === "string" ? map.getLayer(layer) : layer;
    var uid = found ? uidOf(found.id) : null;
    var kind = uid && /-(fill|line)$/.exec(found.id);
    if (!kind || uid === "selection" || found.source !== "source-" + uid) { return null; }
    return OPACITY[kind[1]];
  }

  function wanted(map, layerId) {
    if (map !== live.map || !live.shown) { return null; }
    var uid = uidOf(layerId);
    if (uid === null) { return null; }
    if (uid === "selection") {
      // Its outline layer stays loaded and drawn (transparent but for the selected commune),
      // so that a selection costs no tiling; its fill is never needed.
      return /-line$/.test(layerId) ? "visible" : "none";
    }
    if (opacityProp(map, layerId)) { return "visible"; }
    return live.shown.has(uid) ? "visible" : "none";
  }

  // The opacity a choropleth layer has when shown (plotly's), and 0 when hidden.
  function opacityFor(layerId) {
    return live.shown.has(uidOf(layerId)) ? (live.opacity[layerId] !== undefined ? live.opacity[layerId] : 1) : 0;
  }

  // The selection outline: drawn for the feature whose `selected` state is set, and only it.
  function selectionPaint() {
    var style = live.meta.selection;
    var selected = ["boolean", ["feature-state", "selected"], false];
    return {
      "line-color": style.line,
      "line-width": ["case", selected, style.width, 0],
      "line-opacity": ["case", selected, 1, 0],
    };
  }

  function isSelectionLine(layerId) {
    return uidOf(layerId) === "selection" && /-line$/.test(layerId);
  }

  var original = {};

  function patchMap(map) {
    var proto = Object.getPrototypeOf(map);
    if (proto.__erbmLive) { return; }
    proto.__erbmLive = true;
    original.addLayer = proto.addLayer;
    original.setLayoutProperty = proto.setLayoutProperty;
    original.setPaintProperty = proto.setPaintProperty;
    proto.addLayer = function (layer, before) {
      if (layer && this === live.map && live.shown && uidOf(layer.id) !== null) {
        var prop = opacityProp(this, layer);
        var paint = Object.assign({}, layer.paint);
        var visibility = prop ? "visible" : wanted(this, layer.id);
        if (prop) {
          live.opacity[layer.id] = paint[prop] !== undefined ? paint[prop] : 1;
          paint[prop] = opacityFor(layer.id);
        }
        if (isSelectionLine(layer.id)) { Object.assign(paint, selectionPaint()); }
        layer = Object.assign({}, layer, {
          layout: Object.assign({}, layer.layout, { visibility: visibility }),
          paint: paint,
        });
      }
      return original.addLayer.call(this, layer, before);
    };
    proto.setLayoutProperty = function (id, name, value, options) {
      var want = name === "visibility" ? wanted(this, id) : null;
      return original.setLayoutProperty.call(this, id, name, want || value, options);
    };
    proto.setPaintProperty = function (id, name, value, options) {
      if (this === live.map && live.shown) {
        // plotly sets the selection's paint to constants on each redraw: the outline keeps its own.
        if (isSelectionLine(id) && name in selectionPaint()) { return this; }
        if (opacityProp(this, id) === name) {
          live.opacity[id] = value;
          value = opacityFor(id);
        }
      }
      return original.setPaintProperty.call(this, id, name, value, options);
    };
  }

  // The data of a trace hidden when the map is first drawn waits: MapLibre would parse it in
  // its worker before the first paint (0.2 to 0.3 s here). It is loaded when the trace is first
  // shown, or as soon as the map is idle after its first paint.
  function deferredUid(map, id) {
    if (map !== live.map || !live.shown || typeof id !== "string" || id.indexOf("source-") !== 0) {
      return null;
    }
    var uid = id.slice("source-".length);
    return live.meta && uid in live.meta.rules && !live.shown.has(uid) ? uid : null;
  }

  function patchSources(map) {
    var proto = Object.getPrototypeOf(map);
    if (proto.__erbmSources) { return; }
    proto.__erbmSources = true;
    original.addSource = proto.addSource;
    proto.addSource = function (id, source) {
      var data = source && source.type === "geojson" ? source.data : null;
      if (deferredUid(this, id) && data && data.features && data.features.length) {
        live.deferred[id] = data;
        source = Object.assign({}, source, { data: { type: "FeatureCollection", features: [] } });
      }
      var result = original.addSource.call(this, id, source);
      var added = this.getSource(id);
      if (added && added.setData) { patchGeoJSON(added); }
      return result;
    };
  }


  function patchGeoJSON(source) {
    var proto = Object.getPrototypeOf(source);
    if (proto.__erbmLive) { return; }
    proto.__erbmLive = true;
    original.setData = proto.setData;
    proto.setData = function (data, wait) {
      // plotly hands its data again on a redraw: a source still waiting keeps waiting.
      if (this.map === live.map && this.id in live.deferred) {
        live.deferred[this.id] = data;
        return this;
      }
      return original.setData.call(this, data, wait);
    };
  }

  function loadDeferred(uids) {
    var map = live.map;
    Object.keys(live.deferred).forEach(function (id) {
      if (uids && uids.indexOf(id.slice("source-".length)) < 0) { return; }
      var data = live.deferred[id];
      delete live.deferred[id];
      var source = map.getSource(id);
      if (source) { original.setData.call(source, data); }
    });
  }

  function paintSelection(map) {
    layerIds(map).filter(isSelectionLine).forEach(function (id) {
      var paint = selectionPaint();
      Object.keys(paint).forEach(function (name) {
        original.setPaintProperty.call(map, id, name, paint[name]);
      });
    });
  }

  function layerIds(map) {
    if (typeof map.getLayersOrder === "function") { return map.getLayersOrder(); }
    return map.getStyle().layers.map(function (layer) { return layer.id; });
  }

  // Features of the GeoJSON plotly fetched (it keeps them in window.PlotlyGeoAssets), by key.
  function featureOf(name, key, code) {
    var url = live.meta.geojson[name];
    if (!live.indexes[name]) {
      var geo = window.PlotlyGeoAssets && window.PlotlyGeoAssets[url];
      if (!geo || !geo.features) { return null; }
      var index = {};
      geo.features.forEach(function (feature) { index[String(feature.properties[key])] = feature; });
      live.indexes[name] = index;
    }
    return live.indexes[name][code] || null;
  }

  function bounds(geometry) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    (function walk(coords) {
      if (typeof coords[0] === "number") {
        box[0] = Math.min(box[0], coords[0]); box[1] = Math.min(box[1], coords[1]);
        box[2] = Math.max(box[2], coords[0]); box[3] = Math.max(box[3], coords[1]);
      } else { coords.forEach(walk); }
    }(geometry.coordinates));
    return [[box[0], box[1]], [box[2], box[3]]];
  }

  // MapLibre takes the numeric string of a GeoJSON feature id as its number.
  function select(code) {
    var map = live.map;
    if (code === live.selected || !map.getSource(SELECTION_SOURCE)) { return; }
    if (live.selected) {
      map.setFeatureState({ source: SELECTION_SOURCE, id: Number(live.selected) }, { selected: false });
    }
    if (code) {
      map.setFeatureState({ source: SELECTION_SOURCE, id: Number(code) }, { selected: true });
    }
    live.selected = code;
  }

  // A commune or EPCI chosen in a list is brought into view, as the zoom of
  // erbm_map.figures.geometry.zoom_for_bounds does (the box fills about a third of the map).
  function recentre() {
    var target = live.recentre;
    var map = live.map;
    if (!target || !map || !live.plotted) { return; }
    var feature = target.kind === "commune"
      ? featureOf("communes", "insee", target.code)
      : featureOf("epci", "epci_siren", target.code);
    if (!feature) { return; }
    live.recentre = null;
    var canvas = map.getCanvas();
    var dx = canvas.clientWidth * 0.3;
    var dy = canvas.clientHeight * 0.3;
    var camera = map.cameraForBounds(bounds(feature.geometry), {
      padding: { top: dy, bottom: dy, left: dx, right: dx },
      maxZoom: live.meta.maxZoom,
    });
    if (camera) {
      live.view = { center: camera.center, zoom: camera.zoom };
      jump();
    }
  }

  // plotly puts its own view back on a relayout that was under way (a resize at page load):
  // the chosen view is applied again after each plotly redraw, until the user moves the map.
  // plotly keeps a view it is told came from the user (an `originalEvent`).
  function jump() {
    var view = live.view;
    var map = live.map;
    var centre = map.getCenter();
    if (view && (Math.abs(map.getZoom() - view.zoom) > 1e-6 || centre.distanceTo(view.center) > 1)) {
      map.jumpTo(view, { originalEvent: { type: RECENTRE } });
    }
  }

  // Hidden traces must not answer the pointer: plotly skips traces whose hoverinfo is "skip".
  function hover() {
    (live.gd.calcdata || []).forEach(function (cd) {
      var trace = cd[0] && cd[0].trace;
      if (!trace || !(trace.uid in live.meta.rules)) { return; }
      if (!("_erbmHover" in trace)) { trace._erbmHover = trace.hoverinfo; }
      trace.hoverinfo = live.shown.has(trace.uid) ? trace._erbmHover : "skip";
    });
  }

  function legend() {
    document.querySelectorAll("#map-legend [data-uids]").forEach(function (item) {
      item.hidden = !item.dataset.uids.split(" ").some(function (uid) { return live.shown.has(uid); });
    });
  }

  function apply() {
    var map = live.map;
    if (!map || !live.meta) { return; }
    var state = live.state || live.meta.initial;
    live.shown = new Set(live.visibleFor(state));
    if (map.style && map.isStyleLoaded()) {
      layerIds(map).forEach(function (id) {
        var prop = opacityProp(map, id);
        if (prop) {
          if (live.opacity[id] === undefined) { live.opacity[id] = map.getPaintProperty(id, prop); }
          var opacity = opacityFor(id);
          if (map.getPaintProperty(id, prop) !== opacity) { original.setPaintProperty.call(map, id, prop, opacity); }
        }
        var want = wanted(map, id);
        if (want && (map.getLayoutProperty(id, "visibility") || "visible") !== want) {
          map.setLayoutProperty(id, "visibility", want);
        }
      });
    }
    var needed = Array.from(live.shown);
    if (state.commune) { needed.push("selection"); }
    loadDeferred(needed);
    select(state.commune || "");
    hover();
    legend();
    recentre();
  }
  live.apply = apply;

  function attach(gd) {
    var subplot = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (!subplot || !subplot.map) { return false; }
    live.gd = gd;
    live.map = subplot.map;
    live.meta = gd.layout.meta.erbm;
    patchMap(live.map);
    patchSources(live.map);
    if (live.map.isStyleLoaded()) { paintSelection(live.map); }
    apply();
    gd.on("plotly_afterplot", function () {
      live.plotted = true;
      apply();
      jump();
    });
    // Once the first view is drawn, the hidden layers' data is loaded in one go.
    live.map.on("idle", function loadRest() {
      if (!live.plotted) { return; }
      live.map.off("idle", loadRest);
      loadDeferred(null);
    });
    live.map.on("moveend", function (event) {
      if (!event.originalEvent) {
        // plotly setting its own view back (setCenter, setZoom): the chosen view wins.
        if (live.view) { setTimeout(jump, 0); }
      } else if (event.originalEvent.type !== RECENTRE) {
        live.view = null;
      }
    });
    // A commune clicked on the map is outlined at once, in the frame MapLibre draws for the
    // click anyway; the URL callback then confirms it, and the map does not move.
    gd.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var code = point && point.location !== undefined ? String(point.location) : "";
      live.clicked = code;
      if (code && featureOf("communes", "insee", code)) {
        live.state = Object.assign({}, live.state || live.meta.initial, { commune: code });
        apply();
      }
    });
    // Edition and layers: applied as soon as the input changes, ahead of Dash's own dispatch of
    // the clientside callback (which then finds the map already in that state).
    document.addEventListener("change", function (event) {
      var target = event.target;
      var control = target && target.closest && target.closest("#edition, #layers");
      if (!control || !live.state) { return; }
      var checked = function (id) {
        return Array.prototype.map.call(
          document.querySelectorAll("#" + id + " input:checked"), function (input) { return input.value; }
        );
      };
      live.state = Object.assign({}, live.state, {
        edition: checked("edition")[0] || live.state.edition,
        layers: checked("layers"),
      });
      // The figures panel follows the edition in the same task: drawing the map blocks the page
      // for a frame, and Dash's own call of the filter would come after it.
      if (control.id === "edition" && window.dash_clientside.erbm.filterKpis) {
        var theme = new URLSearchParams(window.location.search).get("theme") || "tous";
        window.dash_clientside.erbm.filterKpis(live.state.edition, theme);
      }
      apply();
    }, true);
    return true;
  }

  // The image of the map as it is shown, with its legend: plotly's own export would redraw
  // the figure off screen with every trace. The canvas is read in MapLibre's `render` event,
  // while the frame it has just drawn is still there.
  function drawLegend(ctx, scale) {
    var items = Array.prototype.filter.call(
      document.querySelectorAll("#map-legend .legend-title, #map-legend .legend-item"),
      function (element) { return element.offsetParent !== null; }
    );
    if (!items.length) { return; }
    var line = 18 * scale;
    var pad = 8 * scale;
    ctx.font = (12 * scale) + "px system-ui, sans-serif";
    var text = function (element) {
      return element.classList.contains("legend-title") ? element.textContent : element.lastElementChild.textContent;
    };
    var width = Math.max.apply(null, items.map(function (element) {
      return ctx.measureText(text(element)).width;
    })) + 30 * scale + 2 * pad;
    var height = items.length * line + 2 * pad;
    ctx.fillStyle = "rgba(255,255,255,0.94)";
    ctx.strokeStyle = "#555555";
    ctx.lineWidth = scale;
    ctx.fillRect(pad, pad, width, height);
    ctx.strokeRect(pad, pad, width, height);
    items.forEach(function (element, i) {
      var y = 2 * pad + i * line + line / 2;
      var x = 2 * pad;
      ctx.textBaseline = "middle";
      if (element.classList.contains("legend-title")) {
        ctx.font = "600 " + (12 * scale) + "px system-ui, sans-serif";
        ctx.fillStyle = "#111111";
        ctx.fillText(element.textContent, x, y);
        ctx.font = (12 * scale) + "px system-ui, sans-serif";
        return;
      }
      var swatch = element.querySelector(".swatch, .marker");
      var style = window.getComputedStyle(swatch);
      if (swatch.classList.contains("marker")) {
        ctx.fillStyle = style.backgroundColor;
        ctx.beginPath();
        ctx.arc(x + 8 * scale, y, 7 * scale, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillStyle = "#FFFFFF";
        ctx.textAlign = "center";
        ctx.fillText(swatch.textContent, x + 8 * scale, y);
        ctx.textAlign = "start";
      } else {
        ctx.fillStyle = style.backgroundColor;
        ctx.fillRect(x, y - 6 * scale, 18 * scale, 12 * scale);
        ctx.strokeStyle = style.borderTopColor;
        ctx.lineWidth = 2 * scale;
        ctx.strokeRect(x, y - 6 * scale, 18 * scale, 12 * scale);
      }
      ctx.fillStyle = "#111111";
      ctx.fillText(text(element), x + 26 * scale, y);
    });
  }

  // What the image shows and where it comes from, along its bottom edge.
  function drawCaption(ctx, scale, width, height) {
    var state = live.state || live.meta.initial;
    var text = live.meta.caption.replace("{edition}", state.edition).replace("{vintage}", state.vintage);
    var band = 22 * scale;
    ctx.fillStyle = "rgba(255,255,255,0.94)";
    ctx.fillRect(0, height - band, width, band);
    ctx.fillStyle = "#111111";
    ctx.font = (12 * scale) + "px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "start";
    ctx.fillText(text, 8 * scale, height - band / 2, width - 16 * scale);
  }

  live.exportPng = function (filename) {
    var map = live.map;
    if (!map) { return; }
    map.once("render", function () {
      var source = map.getCanvas();
      var canvas = document.createElement("canvas");
      canvas.width = source.width;
      canvas.height = source.height;
      var ctx = canvas.getContext("2d");
      ctx.drawImage(source, 0, 0);
      var scale = source.width / source.clientWidth;
      drawLegend(ctx, scale);
      drawCaption(ctx, scale, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = filename;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      }, "image/png");
    });
    map.triggerRepaint();
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.erbm = Object.assign({}, window.dash_clientside.erbm, {
    exportMap: function (clicks) {
      if (clicks) { live.exportPng("carte-bassin-minier.png"); }
      return window.dash_clientside.no_update;
    },
    applyMap: function (edition, vintage, layers, commune, epci) {
      var previous = live.state || {};
      var meta = live.meta;
      live.state = {
        edition: edition || "2024",
        vintage: vintage || (meta ? meta.initial.vintage : ""),
        layers: layers || [],
        commune: commune || "",
        epci: epci || "",
      };
      if (live.state.commune && live.state.commune !== previous.commune && live.state.commune !== live.clicked) {
        live.recentre = { kind: "commune", code: live.state.commune };
      } else if (live.state.epci && live.state.epci !== previous.epci) {
        live.recentre = { kind: "epci", code: live.state.epci };
      }
      live.clicked = "";
      apply();
      return live.state;
    },
  });

  // The graph loads after the page; its map is created once plotly has fetched the GeoJSON.
  // Found within a frame, the map is patched before plotly adds the trace layers.
  var started = performance.now();
  (function find() {
    var gd = document.querySelector("#map .js-plotly-plot");
    var meta = gd && gd.layout && gd.layout.meta && gd.layout.meta.erbm;
    if (meta && attach(gd)) { return; }
    if (performance.now() - started < 60000) { requestAnimationFrame(find); }
  }());
}());
