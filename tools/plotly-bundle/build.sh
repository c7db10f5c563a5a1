#!/bin/sh
# Rebuilds assets/vendor/plotly-map.min.js (and its licence notice) from the pinned
# package-lock.json. Needs Node and npm; the app, the tests and CI do not (the output
# is committed). `npm ci` runs in .cache/plotly-bundle (git-ignored), or in
# $PLOTLY_BUNDLE_WORK; install scripts are off (.npmrc), esbuild needs none.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${PLOTLY_BUNDLE_WORK:-$root/.cache/plotly-bundle}
out=${1:-$root/assets/vendor/plotly-map.min.js}

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$here/index.js" "$here/build.mjs" "$work/"
(cd "$work" && npm ci --loglevel=error)
node "$work/build.mjs" "$out"
