// Figures panel, indicator sheet and « Couverture » tab: purely visual behaviour.
// Component ids come from Python (window.erbmIds, see erbm_map.web.clientids).
var erbmSheet = function () {
  var ids = (window.erbmIds || {}).dashboard || {};
  return { sheet: document.getElementById(ids.SHEET), close: document.getElementById(ids.SHEET_CLOSE) };
};
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.erbm = Object.assign({}, window.dash_clientside.erbm, {
  showCoverage: function (view) {
    // A separate output from showView (20-dashboard.js): that one hides the other panels.
    return view !== "coverage";
  },
  focusSheet: function (hidden) {
    // Keyboard users land in the sheet when it opens and back on the figure when it closes.
    var sheet = erbmSheet().sheet;
    if (!sheet) { return window.dash_clientside.no_update; }
    if (!hidden) {
      var opener = document.activeElement;
      if (opener && opener.classList && opener.classList.contains("kpi-value")) {
        window.erbmSheetOpener = opener;
      }
      setTimeout(function () { sheet.focus(); }, 0);
    } else if (window.erbmSheetOpener && document.body.contains(window.erbmSheetOpener)) {
      window.erbmSheetOpener.focus();
    }
    return window.dash_clientside.no_update;
  },
});

document.addEventListener("keydown", function (event) {
  // Escape closes the indicator sheet, as it closes any dialog.
  if (event.key !== "Escape") { return; }
  var found = erbmSheet();
  var sheet = found.sheet;
  var close = found.close;
  if (sheet && !sheet.hidden && close) { close.click(); }
});
