// One download per map file. dash-leaflet fetches each GeoJSON layer's `url` itself, and two
// layers read the same file (the selection layers draw over the communes and EPCI files): both
// asked at once, before either answer was cached, so each file came twice. A versioned file
// (`/data/<name>.geojson?v=<hash>`) asked while the same request is in flight shares its answer;
// once answered, the HTTP cache (immutable for a year) serves it. The page's
// `<link rel="preload" as="fetch" crossorigin>` starts these requests with the page, and the
// first fetch of each file picks the preloaded answer up.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof window !== "undefined") {
    api.install(window);
  }
}(this, function () {
  "use strict";

  var VERSIONED = /\/data\/[\w-]+\.geojson\?v=[\w]+$/;

  /** Wrap ``win.fetch`` so that a versioned GET in flight is shared; returns whether it did. */
  function install(win) {
    if (typeof win.fetch !== "function") { return false; }
    var original = win.fetch.bind(win);
    var inFlight = {};
    win.fetch = function (input, init) {
      var url = typeof input === "string" ? input : "";
      var method = (init && init.method) || "GET";
      if (!url || method.toUpperCase() !== "GET" || !VERSIONED.test(url)) { return original(input, init); }
      var key = new URL(url, win.location.href).href;
      if (!inFlight[key]) {
        inFlight[key] = original(input, init);
        // Answered: later asks go to the HTTP cache; dropping it frees the shared body.
        inFlight[key].then(function () { delete inFlight[key]; }, function () { delete inFlight[key]; });
      }
      return inFlight[key].then(function (response) { return response.clone(); });
    };
    return true;
  }

  return { install: install, VERSIONED: VERSIONED };
}));
