// A component library whose bundle the first view does not need is not run with the page.
// The page holds its script tag inert (`<script type="text/x-erbm-deferred" data-deferred=NAME
// src=…>`, written by erbm_map.web.deferred): browsers neither fetch nor run a script of an
// unknown type. `load(NAME)` adds the same script as a live one, once, and resolves when it has
// run; the callback that renders the library's components waits for it. AG Grid's bundle
// (345 kB as sent, ~120 ms to run on a desktop, ~0.5 s on a phone) is the one deferred.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    var loader = api.forDocument(root.document);
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbmDeferred = {
      readyFor: function (view, views, name) {
        return api.readyFor(loader, root.dash_clientside.no_update, view, views, name);
      },
    };
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** The loader of one document: each deferred script added once, its promise shared. */
  function forDocument(doc) {
    var pending = {};
    var done = {};

    function load(name) {
      if (pending[name]) { return pending[name]; }
      var inert = doc.querySelector('script[data-deferred="' + name + '"]');
      if (!inert) {
        // Not deferred in this page: nothing to wait for.
        done[name] = true;
        pending[name] = Promise.resolve();
        return pending[name];
      }
      pending[name] = new Promise(function (resolve, reject) {
        var live = doc.createElement("script");
        live.src = inert.getAttribute("src");
        live.onload = function () { done[name] = true; resolve(); };
        live.onerror = function () {
          // A failed download is tried again by the next call.
          delete pending[name];
          live.parentNode.removeChild(live);
          reject(new Error("script not loaded: " + live.src));
        };
        inert.parentNode.insertBefore(live, inert.nextSibling);
      });
      return pending[name];
    }

    return { load: load, loaded: function (name) { return !!done[name]; } };
  }

  /** The clientside callback's rule: ``true`` once library ``name`` has run, for a view that needs
   *  it (one of ``views``); ``noUpdate`` for another view, or once it has run, so that the
   *  callbacks waiting for it run once; ``noUpdate`` too when it failed to download, so that
   *  the view's next opening tries again. */
  function readyFor(loader, noUpdate, view, views, name) {
    if (views.indexOf(view) < 0 || loader.loaded(name)) { return noUpdate; }
    return loader.load(name).then(function () { return true; }, function () { return noUpdate; });
  }

  return { forDocument: forDocument, readyFor: readyFor };
}));
