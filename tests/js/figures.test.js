// The figures panel and indicator sheet (assets/22-figures.js): focus goes into the sheet and
// back to the figure that opened it; Escape closes it.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const figures = require(path.join(__dirname, "..", "..", "assets", "22-figures.js"));

function focusable(classes = []) {
  return { focused: 0, classList: { contains: (name) => classes.includes(name) }, focus() { this.focused += 1; } };
}

/** A page with the sheet (or none), its close button and the element that has the focus. */
function page({ sheet, active, inPage = true } = {}) {
  const close = { clicks: 0, click() { this.clicks += 1; } };
  global.window = {
    erbmIds: { dashboard: { SHEET: "sheet", SHEET_CLOSE: "sheet-close" }, views: { COVERAGE: "coverage" } },
  };
  global.document = {
    activeElement: active || null,
    body: { contains: () => inPage },
    getElementById: (id) => ({ sheet, "sheet-close": close }[id] || null),
  };
  return close;
}

const tick = () => new Promise((resolve) => { setTimeout(resolve, 0); });

test("the coverage tab shows only in its own view", () => {
  page();
  assert.equal(figures.showCoverage("coverage"), false);
  assert.equal(figures.showCoverage("map"), true);
});

test("an opened sheet takes the focus; closed, the figure that opened it gets it back", async () => {
  const sheet = focusable();
  const figure = focusable(["kpi-value"]);
  page({ sheet, active: figure });
  figures.focusSheet(false);
  assert.equal(sheet.focused, 0, "after the sheet is shown");
  await tick();
  assert.equal(sheet.focused, 1);
  page({ sheet, active: sheet });
  window.erbmSheetOpener = figure;
  figures.focusSheet(true);
  assert.equal(figure.focused, 1);
});

test("a sheet opened from elsewhere, or an opener gone from the page, gets no focus back", async () => {
  const sheet = focusable();
  const button = focusable(["button"]);
  page({ sheet, active: button });
  figures.focusSheet(false);
  await tick();
  assert.equal(window.erbmSheetOpener, undefined);
  const figure = focusable(["kpi-value"]);
  page({ sheet, inPage: false });
  window.erbmSheetOpener = figure;
  figures.focusSheet(true);
  assert.equal(figure.focused, 0);
  page({ sheet: null, active: focusable(["kpi-value"]) });
  figures.focusSheet(false);
  assert.equal(window.erbmSheetOpener, undefined, "no sheet in the page: nothing is done");
});

test("Escape closes the sheet when it is shown, and only then", () => {
  let close = page({ sheet: { hidden: false } });
  figures.closeOnEscape({ key: "Enter" });
  assert.equal(close.clicks, 0);
  figures.closeOnEscape({ key: "Escape" });
  assert.equal(close.clicks, 1);
  close = page({ sheet: { hidden: true } });
  figures.closeOnEscape({ key: "Escape" });
  assert.equal(close.clicks, 0);
});

test("a click on a figure's value sets the chosen figure through Dash's set_props; elsewhere, nothing", () => {
  page();
  const sent = [];
  window.erbmIds.dashboard.KPIS = "kpis";
  window.erbmIds.dashboard.KPI_CHOSEN = "kpi-chosen";
  window.dash_clientside = { set_props: (id, props) => sent.push([id, props]) };
  const figure = { dataset: { id: "cls.2024" } };
  const value = { closest: (selector) => (selector === ".kpi-value" ? value : selector === "#kpis .kpi[data-id]" ? figure : null) };
  assert.equal(figures.chooseFigure({ target: { closest: () => null } }), false);
  assert.equal(figures.chooseFigure({ target: value }), true);
  assert.equal(sent.length, 1);
  assert.equal(sent[0][0], "kpi-chosen");
  assert.equal(sent[0][1].data.id, "cls.2024");
  assert.equal(typeof sent[0][1].data.at, "number");
});
