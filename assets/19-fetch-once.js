// One download per map file. dash-leaflet fetches each GeoJSON layer's `url` itself, and two
// layers read the same file (the selection layers draw over the communes and EPCI files): both
// asked at once, before either answer was cached, so each file came twice. A versioned file
// (`/data/<name>.geojson?v=<hash>`) asked while the same request is in flight shares its answer;
// once answered, the HTTP cache (immutable for a year) serves it. The page's
// `<link rel="preload" as="fetch" crossorigin>` starts these requests with the page, and the
// first fetch of each file picks the preloaded answer up.
(function () {
  "use strict";
  if (typeof window === "undefined" || typeof window.fetch !== "function") { return; }
  var original = window.fetch.bind(window);
  var VERSIONED = /\/data\/[\w-]+\.geojson\?v=[\w]+$/;
  var inFlight = {};
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : "";
    var method = (init && init.method) || "GET";
    if (!url || method.toUpperCase() !== "GET" || !VERSIONED.test(url)) { return original(input, init); }
    var key = new URL(url, window.location.href).href;
    if (!inFlight[key]) {
      inFlight[key] = original(input, init);
      // Answered: later asks go to the HTTP cache; dropping it frees the shared body.
      inFlight[key].then(function () { delete inFlight[key]; }, function () { delete inFlight[key]; });
    }
    return inFlight[key].then(function (response) { return response.clone(); });
  };
})();
