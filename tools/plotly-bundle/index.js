// Entry of assets/vendor/plotly-map.min.js: plotly.js core with only what the
// dashboard and the presentation draw (MapLibre traces) and the French locale
// that their figures' config ({"locale": "fr"}) asks for.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/scattermap'),
    require('plotly.js/lib/choroplethmap'),
    require('plotly.js/lib/locales/fr'),
]);

module.exports = Plotly;
