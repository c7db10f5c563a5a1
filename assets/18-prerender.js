// The first view the server wrote into the page's HTML (dashboard/prerender.py) leaves the page
// once the app has rendered its own: a hidden copy would still answer `querySelector`, and a
// screen reader's or a script's look-up must find the app's card only. The stylesheet hides
// the copy first (no frame shows both); this removes it.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    api.watch(document, root.MutationObserver);
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function ids(doc) {
    var view = doc.defaultView || {};
    return ((view.erbmIds || {}).dashboard) || {};
  }

  /** Remove the written copy once the app's page is there; true when nothing is left to do. */
  function dropWhenReady(doc) {
    var id = ids(doc);
    var copy = doc.getElementById(id.PRERENDER);
    if (!copy) { return true; }
    if (!doc.getElementById(id.MAIN)) { return false; }
    copy.parentNode.removeChild(copy);
    return true;
  }

  /** Check now, then after each change of the page until the app has rendered. */
  function watch(doc, Observer) {
    if (dropWhenReady(doc) || !Observer) { return null; }
    var observer = new Observer(function () {
      if (dropWhenReady(doc)) { observer.disconnect(); }
    });
    observer.observe(doc.body, { childList: true, subtree: true });
    return observer;
  }

  return { dropWhenReady: dropWhenReady, watch: watch };
}));
