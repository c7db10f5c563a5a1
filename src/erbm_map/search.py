"""Commune search: accent-, case- and punctuation-insensitive, by name, INSEE or postal code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Fold to ascii lowercase words: « Hénin-Beaumont » -> « henin beaumont »."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = ascii_text.replace("œ", "oe").replace("æ", "ae")
    return _NOT_ALNUM.sub(" ", ascii_text).strip()


@dataclass(frozen=True)
class SearchIndex:
    """Precomputed keys, built once from the communes table."""

    insee: tuple[str, ...]
    names: tuple[str, ...]
    keys: tuple[str, ...]
    postal: tuple[tuple[str, ...], ...]

    @classmethod
    def from_communes(cls, communes: pd.DataFrame) -> SearchIndex:
        """Index the communes table (needs ``insee``, ``nom``, ``codes_postaux``)."""
        ordered = communes.sort_values("nom")
        return cls(
            insee=tuple(ordered["insee"]),
            names=tuple(ordered["nom"]),
            keys=tuple(normalize(n) for n in ordered["nom"]),
            postal=tuple(tuple(p for p in str(c).split(";") if p) for c in ordered["codes_postaux"]),
        )

    def search(self, query: str, limit: int = 10) -> list[str]:
        """INSEE codes matching ``query``: exact name first, then prefix, then substring."""
        q = normalize(query)
        if not q:
            return []
        if q.isdigit():
            exact = [i for i in self.insee if i == q]
            by_postal = [i for i, codes in zip(self.insee, self.postal, strict=True) if q in codes]
            prefix = [
                i
                for i, codes in zip(self.insee, self.postal, strict=True)
                if i.startswith(q) or any(c.startswith(q) for c in codes)
            ]
            return _unique(exact + by_postal + prefix)[:limit]
        exact = [i for i, k in zip(self.insee, self.keys, strict=True) if k == q]
        prefix = [i for i, k in zip(self.insee, self.keys, strict=True) if k.startswith(q)]
        inner = [i for i, k in zip(self.insee, self.keys, strict=True) if q in k]
        return _unique(exact + prefix + inner)[:limit]


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))
