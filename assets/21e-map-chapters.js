// The presentation's chapters on the map (/presentation/ and the deck file): a chapter's view
// and frame (`chapterView`), applied by Dash's clientside callback (`erbmMap.chapter`) or, on
// a key press, ahead of Dash (`chapterNow`, from assets/31-presentation.js). The last of the
// map's parts: it applies views through 21d-map-views.js.
(function (root, factory) {
  var inNode = typeof module === "object" && module.exports;
  var views = inNode ? require("./21d-map-views.js") : root.erbmMap;
  var api = factory(views);
  if (inNode) {
    module.exports = Object.assign({}, views, api);
  } else {
    root.erbmMap = Object.assign(root.erbmMap || {}, api);
    root.dash_clientside = Object.assign({}, root.dash_clientside);
    root.dash_clientside.erbmMap = Object.assign({}, root.dash_clientside.erbmMap, { chapter: api.chapter });
  }
}(typeof self !== "undefined" ? self : this, function (views) {
  "use strict";

  /** The deck the presentation shows, and the frame last sent to the map (JSON). */
  var shown = { deck: null, frame: null };

  /** A chapter's view and frame, from the deck's data: its own box, else the territory. */
  function chapterView(entry, base, config) {
    var home = config.home || {};
    var view = {
      edition: base.edition, vintage: base.vintage, layers: entry.layers || [], theme: entry.theme || "",
      commune: entry.commune || "", epci: entry.epci || "",
    };
    var viewport = entry.bounds
      ? { bounds: entry.bounds, options: { padding: [40, 40], maxZoom: 12, animate: false } }
      : { bounds: home.bounds, options: { padding: home.padding, animate: false } };
    return { view: view, viewport: viewport };
  }

  /** The presentation's key press: the chapter's map in the next frames, ahead of Dash. */
  function chapterNow(index) {
    var entry = ((shown.deck || {}).chapters || [])[index];
    if (!entry || !entry.map || !views.canSendAhead()) { return; }
    var next = chapterView(entry, views.state.view, views.state.config || {});
    shown.frame = JSON.stringify(next.viewport);
    views.sendAhead(next.view, true).then(function (sent) {
      if (sent) { window.dash_clientside.set_props(views.ids().dashboard.MAP, { viewport: next.viewport }); }
    });
  }

  /** The presentation: a chapter's layers, theme and commune, and the view that frames it. */
  function chapter(index, deck, hideout) {
    var noUpdate = window.dash_clientside.no_update;
    var entry = ((deck || {}).chapters || [])[index];
    var config = (hideout || {}).config || {};
    var outputs = views.takeOutputs(hideout);
    shown.deck = deck;
    if (!entry || !entry.map) {
      // A chapter without a map leaves it as it is; the map still reports itself painted.
      views.paintAsIs(config);
      return outputs.map(function () { return noUpdate; }).concat([noUpdate]);
    }
    var next = chapterView(entry, (hideout || {}).view || {}, config);
    var frame = JSON.stringify(next.viewport);
    // Already applied by the key press (chapterNow): nothing new to paint.
    var ahead = frame === shown.frame && !!views.state.view && views.sameView(views.state.view, next.view);
    shown.frame = frame;
    // Otherwise a chapter counts as a new view: its frame may change even where its layers do not.
    return views.applyView(next.view, hideout, outputs, !ahead).then(function (hideouts) {
      return hideouts.concat([ahead ? noUpdate : next.viewport]);
    });
  }

  return { chapterView: chapterView, chapterNow: chapterNow, chapter: chapter };
}));
