// Bundles index.js into a minified script that sets window.Plotly, plus a notice file
// with the licence of every package that ends up in it.
//
// Run by build.sh from the directory where `npm ci` installed package-lock.json (so that
// `esbuild` and `plotly.js` resolve, and the paths esbuild keeps in the output are the
// same wherever that directory is). The esbuild options mirror plotly.js's own
// esbuild-config.js (iife, global `Plotly`, es2016, `global` -> window, regl alias),
// except its CSS plugin, whose <style> id hashes the absolute path of the CSS file and
// so changes from one machine to the next: ours is deterministic and minifies the CSS.
// Its GLSL and environment plugins have nothing to do here: the map traces pull in no
// shader file and no `process.env`.
//
// Usage: node build.mjs OUTPUT.js

import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const work = path.dirname(fileURLToPath(import.meta.url));
const output = process.argv[2];
if (!output) {
    console.error('usage: node build.mjs OUTPUT.js');
    process.exit(2);
}

const TRACES = ['scattermap', 'choroplethmap'];
const LOCALES = ['fr'];

function manifest(name) {
    return JSON.parse(readFileSync(path.join(work, 'node_modules', name, 'package.json'), 'utf8'));
}

// The same as esbuild-plugin-inline-css (which plotly.js uses for maplibre-gl.css),
// with an id that depends on the path inside node_modules only.
const inlineCss = {
    name: 'inline-css',
    setup(build) {
        build.onLoad({ filter: /\.css$/ }, async (args) => {
            const source = readFileSync(args.path, 'utf8');
            const { code } = await esbuild.transform(source, { loader: 'css', minify: true });
            const id = 'plotly-css-' + path.relative(work, args.path).replace(/[^A-Za-z0-9]+/g, '-');
            const contents =
                'if (!document.getElementById(' + JSON.stringify(id) + ')) {' +
                ' var e = document.createElement("style");' +
                ' e.id = ' + JSON.stringify(id) + ';' +
                ' e.textContent = ' + JSON.stringify(code.trim()) + ';' +
                ' document.head.appendChild(e); }';
            return { contents, loader: 'js' };
        });
    },
};

// plotly.js's dist bundles (hence the full plotly.min.js this replaces) strip the
// attribute metadata that only its schema and docs read, with these regular expressions
// on every .js file (its strip-meta esbuild plugin): the same here. Worth 0.1 MB.
const oneLineString = "'.*'";
const array = '\\[[\\s\\S]*?\\]';
const joinedArray = array + '\\.join\\([\\s\\S]*?\\)';
const STRIP = [
    ['description', oneLineString],
    ['description', joinedArray],
    ['requiredOpts', array],
    ['otherOpts', array],
    ['role', oneLineString],
    ['hrName', oneLineString],
].map(([attr, value]) => new RegExp('\\s*' + attr + ': ' + value + ',?', 'g'));
const stripMeta = {
    name: 'strip-meta-attributes',
    setup(build) {
        build.onLoad({ filter: /\.js$/ }, (args) => {
            let contents = readFileSync(args.path, 'utf8');
            for (const regex of STRIP) {
                contents = contents.replace(regex, '');
            }
            return { contents, loader: 'js' };
        });
    },
};

const plotly = manifest('plotly.js');
const maplibre = manifest('maplibre-gl');
const notice = path.basename(output).replace(/\.min\.js$|\.js$/, '') + '.LICENSES.txt';

const banner = `/*!
 * plotly.js v${plotly.version} (${plotly.license}), partial bundle for erbm-map: traces ${TRACES.join(', ')};
 * locale ${LOCALES.join(', ')} registered. Includes maplibre-gl v${maplibre.version} (${maplibre.license}).
 * Copyright Plotly, Inc. (plotly.js); MapLibre contributors and Mapbox, Inc. (maplibre-gl).
 * Licences of every bundled package: ${notice}, next to this file.
 * Generated file, do not edit. Rebuilt with \`make plotly-bundle\` (tools/plotly-bundle/build.sh).
 */`;

const result = await esbuild.build({
    absWorkingDir: work,
    entryPoints: ['index.js'],
    outfile: output,
    write: false,
    bundle: true,
    format: 'iife',
    globalName: 'Plotly',
    platform: 'browser',
    target: 'es2016',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    metafile: true,
    banner: { js: banner },
    plugins: [inlineCss, stripMeta],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    logLevel: 'warning',
});

// Every package with a file in the bundle, with its licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
    const parts = input.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) {
        continue;
    }
    const dir = parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join('/');
    if (!packages.has(dir)) {
        packages.set(dir, JSON.parse(readFileSync(path.join(work, dir, 'package.json'), 'utf8')));
    }
}
const sections = [...packages.entries()]
    .map(([dir, pkg]) => {
        const files = readdirSync(path.join(work, dir))
            .filter((name) => /^(licen[cs]e|copying)/i.test(name))
            .sort();
        const text = files.length
            ? readFileSync(path.join(work, dir, files[0]), 'utf8').trim()
            : `(no licence file in the package; its package.json says ${pkg.license})`;
        return { key: `${pkg.name}@${pkg.version}`, body: `${pkg.name} ${pkg.version} (${pkg.license})\n\n${text}` };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const rule = '\n\n' + '-'.repeat(78) + '\n\n';
const licences =
    `Packages bundled in ${path.basename(output)} (plotly.js v${plotly.version}, traces ` +
    `${TRACES.join(', ')}), with their licences.\nGenerated by tools/plotly-bundle/build.mjs.` +
    rule +
    sections.map((s) => s.body).join(rule) +
    '\n';

const dir = path.dirname(path.resolve(output));
if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
}
writeFileSync(output, result.outputFiles[0].contents);
writeFileSync(path.join(dir, notice), licences);
console.log(`${output}: ${result.outputFiles[0].contents.length} bytes, ${packages.size} packages`);
