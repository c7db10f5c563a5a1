// The first view the server wrote into the page's HTML (dashboard/prerender.py) leaves the page
// once the app has rendered its own: a hidden copy would still answer `querySelector`, and a
// screen reader's or a script's look-up must find the app's card only. The stylesheet hides
// the copy first (no frame shows both); this removes it. The figures panel, written into the
// page as an inert template, is moved into the app's panel the moment Dash has rendered it.
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

  /** Move the written figures (a ``<template>``, dashboard/prerender.py) into the app's empty
   *  panel once it is there; true when nothing is left to move. Dash renders no child of the
   *  panel, so React leaves the moved figures alone. */
  function adoptFigures(doc) {
    var id = ids(doc);
    var template = doc.getElementById(id.KPIS_HTML);
    if (!template) { return true; }
    var box = doc.getElementById(id.KPIS);
    if (!box) { return false; }
    box.appendChild(template.content);
    template.parentNode.removeChild(template);
    return true;
  }

  /** Both steps; true when both are done. */
  function settle(doc) {
    var dropped = dropWhenReady(doc);
    var adopted = adoptFigures(doc);
    return dropped && adopted;
  }

  /** Check now, then after each change of the page until the app has rendered. */
  function watch(doc, Observer) {
    if (settle(doc) || !Observer) { return null; }
    var observer = new Observer(function () {
      if (settle(doc)) { observer.disconnect(); }
    });
    observer.observe(doc.body, { childList: true, subtree: true });
    return observer;
  }

  return { dropWhenReady: dropWhenReady, adoptFigures: adoptFigures, watch: watch };
}));
