// Purely visual behaviour runs in the browser, with no server round-trip.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  erbm: {
    sheetButton: function (search, clicks) {
      // The sheet is the server's page /fiche for the same query string as the dashboard's link.
      // It opens in a new tab, so the dashboard keeps its view; a browser that blocks the tab
      // gets the sheet in this one (its « Revenir à la carte » link brings the view back).
      var params = new URLSearchParams(search || "");
      var place = params.get("commune") || params.get("epci");
      var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) {
        return t.prop_id;
      });
      if (place && clicks && triggered.indexOf("print-card.n_clicks") >= 0) {
        var url = new URL("fiche" + (search || ""), document.baseURI).href;
        var tab = window.open(url, "_blank");
        if (tab) { tab.opener = null; } else { window.location.assign(url); }
      }
      return !place;
    },
  },
});

window.dash_clientside.erbm.showView = function (view) {
  // Switching between map, table and changes is purely visual: no server round-trip.
  if (view === "map") {
    // The map was hidden: let plotly and MapLibre measure their container again.
    setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 0);
  }
  return [view !== "map", view !== "table", view !== "changes"];
};

window.dash_clientside.erbm.permalink = function (search, card) {
  // The card's link is the page's own URL, which the URL callback keeps up to date; it is
  // shown with a commune's card.
  var link = window.location.origin + window.location.pathname + (search || "");
  return [link, !(card && card[0])];
};

// AG Grid cell formatting for the commune table (named functions: no code is evaluated from strings).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
dagfuncs.frNumber = function (value) {
  return value === null || value === undefined ? "" : new Intl.NumberFormat("fr-FR").format(value);
};

window.dash_clientside.erbm.filterKpis = function (edition, theme) {
  // Same rule as erbm_map.layout.kpis.shows: the edition's figures, of the theme (or all).
  // Only what changes is touched: the edition switch runs it ahead of Dash (21-livemap.js),
  // and Dash's own call must then leave the page as it is.
  var panel = document.getElementById("kpis");
  if (panel) {
    var shown = 0;
    var show = function (element, visible) {
      if (element.hidden === visible) { element.hidden = !visible; }
    };
    panel.querySelectorAll(".kpi[data-edition]").forEach(function (item) {
      var visible = item.dataset.edition === edition && (theme === "tous" || item.dataset.theme === theme);
      show(item, visible);
      if (visible) { shown += 1; }
    });
    panel.querySelectorAll("[data-empty]").forEach(function (note) {
      show(note, note.dataset.empty === edition && shown === 0);
    });
  }
  return window.dash_clientside.no_update;
};

// plotly re-adds the layers of a trace it updates (or shows for the first time) wherever
// MapLibre appends them, so commune fills can end up over the establishment markers and
// the labels: raise markers and labels again after each redraw. Shared with the
// presentation (assets/31-presentation.js).
window.erbmRaiseMarkers = function (graph) {
  var subplot = graph._fullLayout && graph._fullLayout.map && graph._fullLayout.map._subplot;
  var map = subplot && subplot.map;
  if (!map || !map.getStyle()) { return; }
  var layers = map.getStyle().layers;
  var isMarker = function (layer) { return layer.type === "circle" || layer.type === "symbol"; };
  var firstMarker = layers.findIndex(isMarker);
  // Only when a fill or line sits above a marker: moving layers re-renders the map, and
  // this also runs on every "idle" event, which must not loop.
  if (firstMarker < 0 || layers.slice(firstMarker).every(isMarker)) { return; }
  layers.forEach(function (layer) { if (isMarker(layer)) { map.moveLayer(layer.id); } });
};

window.erbmWatchMarkers = function (graph) {
  // plotly adds a trace's layers asynchronously, sometimes after plotly_afterplot: check
  // again whenever MapLibre has finished rendering.
  graph.on("plotly_afterplot", function () {
    window.erbmRaiseMarkers(graph);
    var subplot = graph._fullLayout.map && graph._fullLayout.map._subplot;
    if (subplot && subplot.map && !subplot.map.__erbmIdle) {
      subplot.map.__erbmIdle = true;
      subplot.map.on("idle", function () { window.erbmRaiseMarkers(graph); });
    }
  });
  window.erbmRaiseMarkers(graph);
};

(function watchDashboardMap() {
  // The graph component loads plotly on demand: its element may come a little after the page.
  var timer = setInterval(function () {
    var graph = document.querySelector("#map .js-plotly-plot");
    if (!graph || typeof graph.on !== "function") { return; }
    clearInterval(timer);
    window.erbmWatchMarkers(graph);
  }, 100);
  // Pages without the dashboard map (the presentation) stop looking after a while.
  setTimeout(function () { clearInterval(timer); }, 30000);
}());
