"""Commune search that forgives how people type: by name, INSEE or postal code.

Names are compared folded (``erbm_map.domain.fold``: no accents, case, hyphens or
apostrophes) and with the usual abbreviations expanded (« st » = saint, « lez » =
« lès »). Matches are ranked in tiers, each tier by population (the larger commune is
the likelier intent): the exact name, names starting with the query, names with a word
starting with it, names containing it, then typos ranked by ``rapidfuzz``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from erbm_map.domain import fold

#: Abbreviations and spellings of the same word in commune names (after folding).
SYNONYMS = {"st": "saint", "ste": "sainte", "lez": "les"}
#: Lowest rapidfuzz ``WRatio`` (0-100) for a typo to be offered: « douay » -> Douai scores 80.
FUZZY_CUTOFF = 75
#: Longest query considered (a commune name or code is much shorter).
MAX_QUERY = 80


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

    @classmethod
    def from_communes(cls, communes: pd.DataFrame) -> SearchIndex:
        """Index the communes table (needs ``insee``, ``nom``, ``codes_postaux``; ``population`` ranks)."""
        population = communes["population"] if "population" in communes else pd.Series(0, communes.index)
        ordered = communes.assign(_pop=population.fillna(0).to_numpy()).sort_values(
            ["_pop", "nom"], ascending=[False, True]
        )
        return cls(
            insee=tuple(ordered["insee"]),
            names=tuple(ordered["nom"]),
            keys=tuple(canonical(n) for n in ordered["nom"]),
            postal=tuple(tuple(p for p in str(c).split(";") if p) for c in ordered["codes_postaux"]),
        )

    def search(self, query: str, limit: int = 10) -> list[str]:
        """INSEE codes matching ``query``, the intended commune first."""
        q = canonical(str(query)[:MAX_QUERY])
        if not q:
            return []
        digits = q.replace(" ", "")
        if digits.isdigit():
            return self._by_code(digits)[:limit]
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

    def _by_name(self, q: str, limit: int) -> list[str]:
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
        found = _unique([code for tier in tiers for code in tier])
        if len(found) < limit:
            # extract keeps the index order (largest commune first) among equal scores.
            typos = process.extract(
                q, self.keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=limit * 2
            )
            found = _unique(found + [self.insee[position] for _key, _score, position in typos])
        return found[:limit]


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
