// The map's rule, what shows (assets/21a-map-rule.js), on every combination of edition, vintage and layer.
// Run by `make test` with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const rule = require(path.join(__dirname, "..", "..", "assets", "21a-map-rule.js"));

const EDITIONS = ["2019", "2024"];
const VINTAGES = ["2025", "2026"];
const LAYERS = ["zonage", "cls", "clsm", "cpts", "epci", "perimetre", "sanitaire", "medico-social", "dispositif"];
// What Python sends as ``config.domain`` (erbm_map.core.domain.Domain.browser_config).
const DOMAIN = { notLoaded: "NR", categories: ["sanitaire", "medico-social", "dispositif"], editions: EDITIONS };
const COMMUNE = {
  insee: "62498", nom: "Lens", zones: { 2025: "ZAC", 2026: "QPV" }, cls: ["2024"], clsm: ["2019", "2024"], cpts: [],
};

function* views() {
  for (const edition of EDITIONS) {
    for (const vintage of VINTAGES) {
      for (const layer of LAYERS) {
        yield { edition, vintage, layers: [layer], theme: "", commune: "", epci: "" };
      }
    }
  }
}

test("a layer shows exactly when it is on, in every edition and vintage", () => {
  for (const view of views()) {
    for (const layer of LAYERS) {
      assert.equal(rule.shows(layer, view), view.layers.includes(layer), `${layer} in ${JSON.stringify(view)}`);
    }
    assert.equal(rule.shows("communes", view), true);
    assert.equal(rule.shows("voisins", view), true);
  }
});

test("zoning fills with the view's vintage, only when zoning is on", () => {
  for (const view of views()) {
    const expected = view.layers.includes("zonage") ? COMMUNE.zones[view.vintage] : "";
    assert.equal(rule.zoneOf(COMMUNE, view, DOMAIN), expected);
  }
  const unknown = { edition: "2024", vintage: "2030", layers: ["zonage"] };
  assert.equal(rule.zoneOf(COMMUNE, unknown, DOMAIN), "NR");
  assert.equal(rule.zoneOf(COMMUNE, unknown, { ...DOMAIN, notLoaded: "XX" }), "XX");
});

test("a contract area is drawn for its own layer and edition only", () => {
  for (const view of views()) {
    for (const kind of ["cls", "clsm"]) {
      for (const edition of EDITIONS) {
        const shown = rule.showsContract({ layer: kind, edition }, view);
        assert.equal(shown, view.layers.includes(kind) && view.edition === edition);
      }
    }
    assert.equal(rule.showsContract({ layer: "cpts", edition: "" }, view), view.layers.includes("cpts"));
  }
});

test("an establishment shows in the editions that cite it, for its category", () => {
  const cited2024 = { categorie: "medico-social", editions: ["2024"], theme: "handicap-grand-age" };
  const citedBoth = { categorie: "sanitaire", editions: ["2019", "2024"], theme: "hopitaux" };
  for (const view of views()) {
    assert.equal(rule.showsEstablishment(cited2024, view, {}),
      view.layers.includes("medico-social") && view.edition === "2024");
    assert.equal(rule.showsEstablishment(citedBoth, view, {}), view.layers.includes("sanitaire"));
  }
});

test("in a theme, a category keeps that theme's points when it has some, else all", () => {
  const view = { edition: "2024", vintage: "2025", layers: ["dispositif"], theme: "femmes" };
  const categories = { femmes: ["dispositif"] };
  const women = { categorie: "dispositif", editions: ["2024"], theme: "femmes" };
  const other = { categorie: "dispositif", editions: ["2024"], theme: "prevention" };
  assert.equal(rule.showsEstablishment(women, view, categories), true);
  assert.equal(rule.showsEstablishment(other, view, categories), false);
  assert.equal(rule.showsEstablishment(other, { ...view, theme: "hopitaux" }, categories), true);
  assert.equal(rule.showsEstablishment(other, { ...view, theme: "tous" }, categories, "tous"), true);
});

test("a layer is redrawn only when its part of the view changes", () => {
  const base = { edition: "2024", vintage: "2025", layers: ["zonage", "cls"], theme: "", commune: "", epci: "" };
  const edition = { ...base, edition: "2019" };
  const changed = (a, b) => rule.LAYERS.filter((l) => rule.layerKey(l, a, DOMAIN) !== rule.layerKey(l, b, DOMAIN));
  assert.deepEqual(changed(base, edition), ["contrats", "etablissements"]);
  assert.deepEqual(changed(base, { ...base, commune: "62498" }), ["selection"]);
  assert.deepEqual(changed(base, { ...base, vintage: "2026" }), ["communes"]);
  assert.deepEqual(changed(base, { ...base, layers: ["cls"] }), ["communes"]);
  assert.deepEqual(changed(base, base), []);
  for (const category of DOMAIN.categories) {
    assert.deepEqual(changed(base, { ...base, layers: [...base.layers, category] }), ["etablissements"]);
  }
});

test("two views are the same whatever the order of their layers", () => {
  const view = { edition: "2024", vintage: "2025", layers: ["zonage", "cls"], theme: "", commune: "", epci: "" };
  assert.equal(rule.sameView(view, { ...view, layers: ["cls", "zonage"] }), true);
  assert.equal(rule.sameView(view, { ...view, commune: undefined }), true, "a missing place is no place");
  assert.equal(rule.sameView(view, { ...view, layers: ["cls"] }), false);
  for (const key of ["edition", "vintage", "theme", "commune", "epci"]) {
    assert.equal(rule.sameView(view, { ...view, [key]: "x" }), false, key);
  }
});

test("the establishments' data holds only what the view shows", () => {
  const config = { themeCategories: { femmes: ["dispositif"] }, domain: { allThemes: "tous" } };
  const feature = (id, categorie, editions, theme) => ({ properties: { id, categorie, editions, theme } });
  const features = [
    feature("a", "sanitaire", ["2024"], ""), feature("b", "dispositif", ["2024"], "femmes"),
    feature("c", "dispositif", ["2024"], "prevention"), feature("d", "sanitaire", ["2019"], ""),
  ];
  const view = { edition: "2024", layers: ["sanitaire", "dispositif"], theme: "femmes" };
  const data = rule.establishmentsData(features, view, config);
  assert.equal(data.type, "FeatureCollection");
  assert.deepEqual(data.features.map((f) => f.properties.id), ["a", "b"]);
  const all = rule.establishmentsData(features, { ...view, theme: "tous" }, config);
  assert.deepEqual(all.features.map((f) => f.properties.id), ["a", "b", "c"]);
});

test("a click designates a commune of the perimeter, a place's commune or an EPCI's name", () => {
  assert.deepEqual(rule.clickOf("commune", { insee: "62498", perimetre: true }),
    { select: { commune: "62498" }, data: { insee: "62498" } });
  assert.equal(rule.clickOf("commune", { insee: "59350", perimetre: false }), null, "outside the perimeter");
  assert.deepEqual(rule.clickOf("etablissement", { insee: "62498", id: 7 }),
    { select: { commune: "62498" }, data: { insee: "62498", id: 7 } });
  assert.deepEqual(rule.clickOf("etablissement", { id: 7 }), { select: null, data: { insee: undefined, id: 7 } });
  assert.equal(rule.clickOf("etablissement", { cluster: true, point_count: 3 }), null, "a group only spreads");
  assert.deepEqual(rule.clickOf("nom", { kind: "epci", epci: "200035" }),
    { select: { epci: "200035" }, data: { epci: "200035" } });
  assert.equal(rule.clickOf("nom", { kind: "commune", insee: "62498" }), null);
  assert.equal(rule.clickOf("commune", undefined), null);
});

test("a theme turns its layers on, keeping those on and adding each once", () => {
  const themeLayers = { femmes: ["perimetre", "dispositif"], tous: ["zonage", "epci"] };
  assert.deepEqual(rule.withThemeLayers(["zonage"], "femmes", themeLayers), ["zonage", "perimetre", "dispositif"]);
  assert.deepEqual(rule.withThemeLayers(["dispositif"], "femmes", themeLayers), ["dispositif", "perimetre"]);
  assert.deepEqual(rule.withThemeLayers(["cls"], "inconnu", themeLayers), ["cls"]);
  assert.deepEqual(rule.withThemeLayers(undefined, "tous", undefined), []);
});
