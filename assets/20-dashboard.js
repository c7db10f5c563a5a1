// Purely visual behaviour runs in the browser, with no server round-trip.
// Component ids come from Python (erbm_map.core.ids, served as window.erbmIds by erbm_map.web.clientids).
// In Node (`node --test tests/js/`) the functions are exported instead of registered.
(function (root, factory) {
  /** Should the map never be painted (its data failing), the rest of the page comes all the same. */
  var REST_FALLBACK_MS = 10000;
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbm = Object.assign({}, root.dash_clientside.erbm, api.erbm);
    root.dashAgGridFunctions = Object.assign(root.dashAgGridFunctions || {}, api.dagfuncs);
    if (typeof document !== "undefined") {
      api.erbm.restFallback(document, REST_FALLBACK_MS);
      // An input before the map is painted (a phone's edition switch): the rest of the page first,
      // before Dash's callback writes into it (capture phase: ahead of React's own listeners).
      ["pointerdown", "keydown", "change"].forEach(function (type) {
        document.addEventListener(type, function (event) {
          if (type === "pointerdown") { api.erbm.tapAhead(document, event.target); }
          api.erbm.pageRest(document);
        }, true);
      });
    }
  }
}(this, function () {
  "use strict";

  var erbmDashboardIds = function () { return (window.erbmIds || {}).dashboard || {}; };
  // The vocabulary (the « all themes » key…), from erbm_map.core.domain through the same script.
  var erbmVocabulary = function () { return (window.erbmIds || {}).vocabulary || {}; };
  var erbmViews = function () { return (window.erbmIds || {}).views || {}; };
  var erbm = {
    sheetButton: function (search, clicks) {
      // The sheet is the server's page /fiche for the same query string as the dashboard's link.
      // It opens in a new tab, so the dashboard keeps its view; a browser that blocks the tab
      // gets the sheet in this one (its « Revenir à la carte » link brings the view back).
      var params = new URLSearchParams(search || "");
      var place = params.get("commune") || params.get("epci");
      var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) {
        return t.prop_id;
      });
      if (place && clicks && triggered.indexOf(erbmDashboardIds().PRINT + ".n_clicks") >= 0) {
        var url = new URL("fiche" + (search || ""), document.baseURI).href;
        var tab = window.open(url, "_blank");
        if (tab) { tab.opener = null; } else { window.location.assign(url); }
      }
      return !place;
    },
  };

  erbm.showView = function (view) {
    // Switching between map, table and changes is purely visual: no server round-trip.
    var views = erbmViews();
    if (view === views.MAP) {
      // The map was hidden: let Leaflet measure its container again (it listens to window resizes).
      setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 0);
    }
    return [view !== views.MAP, view !== views.TABLE, view !== views.CHANGES];
  };

  /** The view's link: the page's own address with the view's query. */
  function linkOf(search) { return window.location.origin + window.location.pathname + (search || ""); }

  erbm.permalink = function (search, card) {
    // The card's link is the page's own URL, which the URL callback keeps up to date; it is
    // shown with a commune's card.
    return [linkOf(search), !(card && card[0])];
  };

  erbm.copyLink = function (clicks, link) {
    // Copy the view's link; the status next to the button says whether it worked. A side
    // effect only (the callback has no output): the status is cleared, then set once the copy
    // is done, so a second copy is announced again.
    var ids = erbmDashboardIds();
    var button = document.getElementById(ids.COPY_LINK);
    if (!clicks || !link || !button) { return; }
    var status = function (text) { window.dash_clientside.set_props(ids.COPY_STATUS, { children: text }); };
    var say = function (ok) { status(ok ? button.dataset.copied : button.dataset.failed); };
    var legacyCopy = function () {
      // Plain-http deployments have no navigator.clipboard: copy the selected field instead.
      var field = document.getElementById(ids.PERMALINK);
      field.select();
      var ok = document.execCommand && document.execCommand("copy");
      button.focus();
      say(Boolean(ok));
    };
    status("");
    if (window.navigator.clipboard && window.isSecureContext) {
      window.navigator.clipboard.writeText(link).then(function () { say(true); }, legacyCopy);
    } else {
      legacyCopy();
    }
  };

  // AG Grid cell formatting for the commune table (named functions: no code is evaluated from strings).
  var dagfuncs = {};
  dagfuncs.frNumber = function (value) {
    return value === null || value === undefined ? "" : new Intl.NumberFormat("fr-FR").format(value);
  };

  // The browser twin of erbm_map.core.text.fold: the table's text filters compare folded text, so
  // « henin beaumont » finds « Hénin-Beaumont » and « noeux » finds « Nœux-les-Mines ».
  dagfuncs.foldText = function (text) {
    if (text === null || text === undefined) { return text; }
    return String(text).toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^0-9a-z]+/g, " ").trim();
  };

  // A narrow grid (a phone) shows a list of communes: only the columns in `keep`; the card
  // holds the rest. Runs on the grid's gridSizeChanged event, and again when it is resized.
  dagfuncs.narrowColumns = function (params, keep, width) {
    var narrow = params.clientWidth > 0 && params.clientWidth < width;
    var others = params.api.getColumns()
      .map(function (column) { return column.getColId(); })
      .filter(function (colId) { return keep.indexOf(colId) < 0; });
    params.api.setColumnsVisible(others, !narrow);
  };

  erbm.filterKpis = function (edition, theme) {
    // Same rule as erbm_map.dashboard.layout.kpis.shows: the edition's figures, of the theme (or all).
    // Both editions' figures are in the page once, so a switch costs no request. A side effect:
    // the callback has no output. Only what changes is touched.
    var panel = document.getElementById(erbmDashboardIds().KPIS);
    if (!panel) { return; }
    var shown = 0;
    var show = function (element, visible) {
      if (element.hidden === visible) { element.hidden = !visible; }
    };
    panel.querySelectorAll(".kpi[data-edition]").forEach(function (item) {
      var visible = item.dataset.edition === edition && (theme === erbmVocabulary().allThemes || item.dataset.theme === theme);
      show(item, visible);
      if (visible) { shown += 1; }
    });
    panel.querySelectorAll("[data-empty]").forEach(function (note) {
      show(note, note.dataset.empty === edition && shown === 0);
    });
  };

  erbm.exportLinks = function (search) {
    // The server draws the map of the view the URL names: its links follow the URL.
    var query = search || "";
    return ["png", "pdf"].map(function (ext) { return "/export/carte." + ext + query; });
  };

  // Where the page is one column (the same width as the media query in assets/10-dashboard.css),
  // a chosen commune's card sits above the map: choosing a commune (search, table, map, shared
  // link) scrolls the card into view. Only a new commune scrolls, not a new edition or vintage.
  // A side effect only: the callback has no output.
  var ONE_COLUMN = "(max-width: 1100px)";
  var lastCardCommune = "";
  erbm.scrollToCard = function (key) {
    var commune = (key && key[0]) || "";
    var changed = commune !== lastCardCommune;
    lastCardCommune = commune;
    if (!commune || !changed || !window.matchMedia(ONE_COLUMN).matches) { return; }
    // The card is rendered in the same update as this key: scroll once it is in the page.
    requestAnimationFrame(function () {
      var panel = document.querySelector(".commune-panel");
      if (panel) { panel.scrollIntoView({ block: "start" }); }
    });
  };

  // The first view needs no callback round (issue 22): its layout, built from the address, holds
  // it. What only the browser knows is set through Dash's public ``set_props`` once the map has
  // drawn a layer (its container then has ``data-bounds``; the map's drive calls this then,
  // assets/21d-map-views.js): the link's address, the legend folded on a phone, and, for a
  // browser that sent no Referer with its layout request (so got the default view), its
  // address's query handed to the URL callback. Returns whether it set them (not on another
  // page of Dash's, the presentation's).
  erbm.firstView = function (doc) {
    var ids = erbmDashboardIds();
    var dc = window.dash_clientside || {};
    var message = ids.MESSAGE && doc.getElementById(ids.MESSAGE);
    var map = ids.MAP && doc.getElementById(ids.MAP);
    if (!message || !map || !map.dataset.bounds || !dc.set_props) { return false; }
    var here = window.location.search;
    if ((message.dataset.search || "") !== here) {
      // The URL callback writes into the whole page: all of it first.
      erbm.pageRest(doc);
      dc.set_props(ids.URL, { search: here });
    }
    var block = doc.getElementById(ids.PERMALINK_BLOCK);
    if (block && !block.hidden) { dc.set_props(ids.PERMALINK, { value: linkOf(here) }); }
    var legend = doc.getElementById(ids.MAP_LEGEND);
    if (legend && legend.dataset.fold && window.matchMedia(legend.dataset.fold).matches) {
      dc.set_props(ids.MAP_LEGEND, { open: false });
    }
    return true;
  };

  // ---- The rest of the page (dashboard/layout/later.py) ----

  var rest = { done: false };

  /** Render the parts of the page the layout carries as data (``Ids.PAGE_LATER``) into their
   *  containers, through Dash's public ``set_props``: Dash indexes them then, and none of their
   *  callbacks runs, since each waits for an input. Called once the map is painted (the map's
   *  drive), before a callback that writes into them, or by the fallback. Returns whether they
   *  are in the page (false on a page of Dash's without them, the presentation's). */
  erbm.pageRest = function (doc) {
    if (rest.done) { return true; }
    var ids = erbmDashboardIds();
    var dc = window.dash_clientside || {};
    var api = window.dash_component_api;
    if (!dc.set_props || !api || !api.getLayout) { return false; }
    var store;
    // Dash 4.4's getLayout throws for an id its layout does not hold, or before it holds one.
    try { store = api.getLayout(ids.PAGE_LATER); } catch (absent) { return false; }
    var later = ((store || {}).props || {}).data;
    if (!later) { return false; }
    rest.done = true;
    var slots = Object.keys(later);
    slots.forEach(function (slot) { dc.set_props(slot, { children: later[slot] }); });
    // ``data-complete`` on the body once every container shows its part (a test contract, like
    // the map's ``data-ready``): React renders them in a later task.
    whenRendered(function () {
      return slots.every(function (slot) {
        var el = doc.getElementById(slot);
        return !!el && el.childElementCount > 0;
      });
    }, function () { doc.body.setAttribute("data-complete", "true"); });
    return true;
  };

  /** ``then()`` in the first animation frame where ``rendered()`` holds (React renders what
   *  ``set_props`` sets in a later task), for at most ten seconds of frames. */
  function whenRendered(rendered, then) {
    var frames = 0;
    var look = function () {
      if (rendered()) { then(); return; }
      frames += 1;
      if (frames <= 600) { requestAnimationFrame(look); }
    };
    look();
  }

  /** A tap on a dropdown's box before the dropdown is rendered in it (its box is in the first
   *  render, the dropdown comes with the rest: dashboard/layout/controls._field) opens the
   *  dropdown once it is there, instead of being lost. Returns whether it will. */
  erbm.tapAhead = function (doc, target) {
    var box = target && target.closest ? target.closest("[data-control]") : null;
    var control = box && box.childElementCount === 0 && box.getAttribute("data-control");
    if (!control) { return false; }
    // The dropdown's button carries the control's id (Dash 4); a click opens its list.
    whenRendered(function () { return !!doc.getElementById(control); },
      function () { doc.getElementById(control).click(); });
    return true;
  };

  /** ``pageRest`` after ``delay`` ms, then every 2 s until it is done (ten tries). */
  erbm.restFallback = function (doc, delay) {
    var tries = 0;
    var attempt = function () {
      tries += 1;
      if (!erbm.pageRest(doc) && tries < 10) { setTimeout(attempt, 2000); }
    };
    setTimeout(attempt, delay);
  };

  return { erbm: erbm, dagfuncs: dagfuncs };
}));
