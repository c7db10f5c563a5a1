"""Text folding: the one rule for comparing French text (search, links, imported headers, spellings).

Kept apart from the domain so that the importers, the search and the domain's zone
spellings share it without importing each other.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
#: Ligatures that Unicode does not decompose (« Nœux-les-Mines » is typed « Noeux »).
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    """Case-, accent- and punctuation-free words: « Nœux-lès-Mines » -> « noeux les mines ».

    The one folding rule for every comparison of French text (search, links, imported
    headers and zone spellings). Apostrophes, hyphens and runs of spaces all become one
    space, so "Zone d’Intervention  Prioritaire" and "zone d'intervention prioritaire"
    compare equal.
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(_LIGATURES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub(" ", stripped).strip()
