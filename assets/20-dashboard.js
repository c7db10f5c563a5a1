// Purely visual behaviour runs in the browser: printing a card needs no server round-trip.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  erbm: {
    printCard: function (clicks) {
      if (clicks) { window.print(); }
      return window.dash_clientside.no_update;
    },
  },
});
