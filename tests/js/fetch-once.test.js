// One download per map file (assets/19-fetch-once.js): a versioned GeoJSON asked twice while in
// flight is fetched once; anything else goes to the browser's fetch as it was asked.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const fetchOnce = require(path.join(__dirname, "..", "..", "assets", "19-fetch-once.js"));

/** A window whose fetch answers when the test says so, counting its requests. */
function fakeWindow() {
  const asked = [];
  const win = {
    location: { href: "http://localhost:8050/?commune=62498" },
    fetch(input, init) {
      let answer;
      const promise = new Promise((resolve, reject) => { answer = { resolve, reject }; });
      asked.push({ input, init, answer });
      return promise;
    },
  };
  return { win, asked };
}

function response(body) {
  let clones = 0;
  return { body, clone() { clones += 1; return { body, copy: clones }; }, clones: () => clones };
}

const URL_A = "/data/carte-communes.geojson?v=abc123";

test("a versioned file asked twice while in flight is fetched once; each gets its own copy", async () => {
  const { win, asked } = fakeWindow();
  assert.equal(fetchOnce.install(win), true);
  const first = win.fetch(URL_A);
  const second = win.fetch("http://localhost:8050" + URL_A);
  assert.equal(asked.length, 1, "the same absolute URL shares the request");
  const answer = response("geojson");
  asked[0].answer.resolve(answer);
  const [a, b] = await Promise.all([first, second]);
  assert.equal(a.body, "geojson");
  assert.notEqual(a, b, "a body is read once: each caller gets a clone");
  assert.equal(answer.clones(), 2);
});

test("once answered, the next ask is a new request (the HTTP cache serves it)", async () => {
  const { win, asked } = fakeWindow();
  fetchOnce.install(win);
  const first = win.fetch(URL_A);
  asked[0].answer.resolve(response("one"));
  await first;
  win.fetch(URL_A);
  assert.equal(asked.length, 2);
});

test("a failed request is not shared with later asks", async () => {
  const { win, asked } = fakeWindow();
  fetchOnce.install(win);
  const first = win.fetch(URL_A);
  asked[0].answer.reject(new Error("offline"));
  await assert.rejects(first, /offline/);
  win.fetch(URL_A);
  assert.equal(asked.length, 2);
});

test("other files, other methods and requests go to the browser's fetch as asked", () => {
  const { win, asked } = fakeWindow();
  fetchOnce.install(win);
  const request = { url: URL_A };
  win.fetch("/data/carte-communes.geojson");
  win.fetch("/data/carte-communes.geojson");
  win.fetch("/_dash-update-component", { method: "POST" });
  win.fetch(URL_A, { method: "post" });
  win.fetch(request);
  assert.equal(asked.length, 5);
  assert.equal(asked[4].input, request);
  assert.deepEqual(asked[3].init, { method: "post" });
});

test("a window without fetch is left alone", () => {
  const win = {};
  assert.equal(fetchOnce.install(win), false);
  assert.equal("fetch" in win, false);
});
