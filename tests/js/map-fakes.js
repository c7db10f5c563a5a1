// Stand-ins for the browser, Leaflet and Dash that the map's drive tests share: a map object with
// the Leaflet methods the drive calls, its container, animation frames run on demand and a fresh
// copy of the map's parts for each test (they keep state in their modules).
"use strict";
const path = require("node:path");

const ASSETS = path.join(__dirname, "..", "..", "assets");
const NO_UPDATE = "no-update";

/** A 2-D point with Leaflet's Point arithmetic. */
function point(x, y) {
  return {
    x, y,
    add: (p) => point(x + p.x, y + p.y),
    divideBy: (k) => point(x / k, y / k),
    multiplyBy: (k) => point(x * k, y * k),
  };
}

function latLng(lat, lng) {
  return { lat, lng, distanceTo: (o) => Math.hypot(lat - o.lat, lng - o.lng) * 111000 };
}

/** Leaflet's public constructors the drive uses. */
function fakeLeaflet(options = {}) {
  const set = [];
  return {
    set,
    Browser: { mobile: !!options.mobile },
    Util: { setOptions: (obj, opts) => { set.push(opts); Object.assign(obj.options, opts); } },
    DomUtil: { addClass: (el, name) => { el.classes = (el.classes || []).concat([name]); } },
    latLngBounds: (b) => ({ getSouthWest: () => b[0], getNorthEast: () => b[1] }),
    point,
    marker: (latlng, opts) => ({ latlng, options: opts, bindTooltip() {} }),
    divIcon: (opts) => opts,
  };
}

/** An element with attributes, a dataset and the nodes ``querySelectorAll`` finds. */
function element(found = []) {
  const attributes = {};
  return {
    attributes,
    dataset: {},
    hidden: false,
    getAttribute: (name) => (name in attributes ? attributes[name] : null),
    setAttribute: (name, value) => { attributes[name] = String(value); },
    querySelectorAll: () => found,
  };
}

/** A Leaflet map: its view is ``zoom`` and ``center``; ``fitBounds`` puts it at the home view. */
function fakeMap(options = {}) {
  const handlers = {};
  const labels = options.labels || [];
  const map = {
    options: {},
    handlers,
    fitted: [],
    zoom: options.zoom === undefined ? 9 : options.zoom,
    center: latLng(50.45, 2.85),
    container: element(labels),
    dragging: { enabled: () => options.dragging !== false },
    getContainer: () => map.container,
    on: (name, fn) => { (handlers[name] = handlers[name] || []).push(fn); },
    fire: (name) => (handlers[name] || []).forEach((fn) => fn({ type: name })),
    getZoom: () => map.zoom,
    getCenter: () => map.center,
    getBounds: () => ({
      getWest: () => 2.5, getSouth: () => 50.25, getEast: () => 3.25, getNorth: () => 50.65,
      contains: (ll) => ll[0] >= 50.25 && ll[0] <= 50.65 && ll[1] >= 2.5 && ll[1] <= 3.25,
    }),
    // The home box fits at zoom 9, centred on its middle (the projection is the identity).
    getBoundsZoom: () => 9,
    project: (ll) => point(ll[1], ll[0]),
    unproject: (p) => latLng(p.y, p.x),
    fitBounds: (bounds, opts) => {
      map.fitted.push({ bounds, opts });
      map.zoom = 9;
      map.center = latLng((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2);
    },
  };
  return map;
}

/** Animation frames, run when the test says so. */
function frames() {
  const queue = [];
  global.requestAnimationFrame = (fn) => queue.push(fn);
  return {
    queue,
    run() {
      while (queue.length) { queue.splice(0).forEach((fn) => fn()); }
    },
  };
}

/** A fresh copy of the map's parts up to ``file`` (module state starts anew). */
function fresh(file) {
  Object.keys(require.cache).filter((key) => key.startsWith(path.join(ASSETS, "21"))).forEach((key) => {
    delete require.cache[key];
  });
  return require(path.join(ASSETS, file));
}

/** The next task, after the drive's ``setTimeout(…, 0)``. */
const tick = () => new Promise((resolve) => { setTimeout(resolve, 0); });

module.exports = { NO_UPDATE, point, latLng, fakeLeaflet, element, fakeMap, frames, fresh, tick };
