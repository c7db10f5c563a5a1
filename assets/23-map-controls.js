// French names for Leaflet's zoom buttons, which Leaflet titles « Zoom in » / « Zoom out ».
//
// dash-leaflet's ZoomControl takes only `position` (dash-leaflet 1.x, ZoomControl.py), not
// Leaflet's `zoomInTitle` / `zoomOutTitle` options, so the words cannot be passed as props.
// The map's frame carries them (data-zoom-in, data-zoom-out, from erbm_map.core.labels); this sets
// each button's title and aria-label from them whenever Leaflet (re)draws its controls.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  if (typeof document !== "undefined") { api.start(document); }
}(this, function () {
  "use strict";

  var BUTTONS = { ".leaflet-control-zoom-in": "zoomIn", ".leaflet-control-zoom-out": "zoomOut" };

  /** Name every zoom button under `root` after the words of its frame; returns how many changed. */
  function nameZoomButtons(root) {
    var changed = 0;
    Object.keys(BUTTONS).forEach(function (selector) {
      var buttons = root.querySelectorAll(selector);
      for (var i = 0; i < buttons.length; i += 1) {
        var frame = buttons[i].closest("[data-zoom-in]");
        var name = frame && frame.dataset[BUTTONS[selector]];
        if (name && buttons[i].getAttribute("title") !== name) {
          buttons[i].setAttribute("title", name);
          buttons[i].setAttribute("aria-label", name);
          changed += 1;
        }
      }
    });
    return changed;
  }

  function start(doc) {
    var run = function () {
      nameZoomButtons(doc);
      // Leaflet adds its controls when the map mounts, after the page: watch for them.
      new MutationObserver(function () { nameZoomButtons(doc); })
        .observe(doc.body, { childList: true, subtree: true });
    };
    if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", run); } else { run(); }
  }

  return { nameZoomButtons: nameZoomButtons, start: start };
}));
