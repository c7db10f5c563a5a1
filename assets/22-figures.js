// Figures panel, indicator sheet and « Couverture » tab: purely visual behaviour.
// Component ids come from Python (window.erbmIds, see erbm_map.web.clientids).
// In Node (`node --test tests/js/`) the functions are exported instead of registered.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbm = Object.assign({}, root.dash_clientside.erbm, {
      showCoverage: api.showCoverage, focusSheet: api.focusSheet,
    });
    document.addEventListener("keydown", api.closeOnEscape);
    document.addEventListener("click", api.chooseFigure);
  }
}(this, function () {
  "use strict";

  function erbmSheet() {
    var ids = (window.erbmIds || {}).dashboard || {};
    return { sheet: document.getElementById(ids.SHEET), close: document.getElementById(ids.SHEET_CLOSE) };
  }

  function showCoverage(view) {
    // A separate output from showView (20-dashboard.js): that one hides the other panels.
    return view !== ((window.erbmIds || {}).views || {}).COVERAGE;
  }

  function focusSheet(hidden) {
    // Keyboard users land in the sheet when it opens and back on the figure when it closes.
    // A side effect only: the callback has no output.
    var sheet = erbmSheet().sheet;
    if (!sheet) { return; }
    if (!hidden) {
      var opener = document.activeElement;
      if (opener && opener.classList && opener.classList.contains("kpi-value")) {
        window.erbmSheetOpener = opener;
      }
      setTimeout(function () { sheet.focus(); }, 0);
    } else if (window.erbmSheetOpener && document.body.contains(window.erbmSheetOpener)) {
      window.erbmSheetOpener.focus();
    }
  }

  function closeOnEscape(event) {
    // Escape closes the indicator sheet, as it closes any dialog.
    if (event.key !== "Escape") { return; }
    var found = erbmSheet();
    var sheet = found.sheet;
    var close = found.close;
    if (sheet && !sheet.hidden && close) { close.click(); }
  }

  function chooseFigure(event) {
    // A figure's value opens its sheet. The figures are plain HTML, not Dash components
    // (dashboard/prerender.py): the click reaches the server callback through a store
    // (Ids.KPI_CHOSEN) set with Dash's public set_props; ``at`` makes each click a change.
    var ids = (window.erbmIds || {}).dashboard || {};
    var target = event.target && event.target.closest ? event.target.closest(".kpi-value") : null;
    var figure = target && target.closest("#" + ids.KPIS + " .kpi[data-id]");
    var dc = window.dash_clientside;
    if (!figure || !dc || !dc.set_props) { return false; }
    dc.set_props(ids.KPI_CHOSEN, { data: { id: figure.dataset.id, at: Date.now() } });
    return true;
  }

  return { showCoverage: showCoverage, focusSheet: focusSheet, closeOnEscape: closeOnEscape, chooseFigure: chooseFigure };
}));
