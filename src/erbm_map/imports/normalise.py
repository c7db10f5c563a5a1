"""Turn the cell values of official files into the codes the data files hold.

Official files spell the same thing many ways ("1_ZIP", "Zone d'intervention
prioritaire", "zip "), and Excel damages codes (drops leading zeros, writes 59002.0).
Every function here either returns a canonical value or raises ``InvalidValue`` with
the French reason the report shows; none of them guesses beyond the spellings listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from erbm_map.core.domain import Domain, Layer
from erbm_map.core.text import fold


class InvalidValue(ValueError):
    """A cell that cannot be turned into a valid value; ``reason`` is shown to the planner."""

    def __init__(self, reason: str, value: str = "", hint: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.hint = hint


def clean_text(text: str) -> str:
    """Collapse inner whitespace (line breaks in Excel cells, double spaces) of a free label."""
    return " ".join(text.split())


# --- INSEE codes ------------------------------------------------------------------------

#: Département part: 01-19, 21-95, 2A, 2B; then a 3-digit commune number other than 000.
_INSEE_METRO = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])(?!000)\d{3}$")
#: Overseas départements and collectivities: 971-978 followed by 2 digits.
_INSEE_OVERSEAS = re.compile(r"^97[1-8]\d{2}$")
_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")


def normalise_insee(raw: str) -> str:
    """Return the 5-character INSEE commune code of a cell.

    Strips spaces, undoes Excel's damage (59002.0, a 4-digit code that lost its leading
    zero) and accepts Corsica's 2A/2B. A code that cannot exist (département 00, 20, 96,
    99, commune 000, letters) is "inconnu". Without a national list of communes a
    well-formed code is assumed to exist; whether it is in the perimeter is the
    caller's check.
    """
    code = "".join(raw.split()).upper()
    if not code:
        raise InvalidValue("code INSEE manquant")
    match = _EXCEL_FLOAT.match(code)
    if match:
        code = match.group(1)
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if _INSEE_METRO.match(code) or _INSEE_OVERSEAS.match(code):
        return code
    raise InvalidValue("code INSEE inconnu", raw, "5 caractères attendus, par exemple 59002")


def cut_code(raw: str, prefixes: frozenset[str]) -> bool:
    """Whether a 4-digit code is the start of a known code rather than one missing its zero.

    Excel drops the leading zero of départements 01-09 ("1001" for 01001), so 4 digits
    are padded; but "5917" cut from "59178" would become "05917", a valid code of the
    Hautes-Alpes, silently skipped as outside the perimeter. ``prefixes`` holds the first
    4 characters of the perimeter's codes: a code among them was cut, not stripped.
    """
    code = "".join(raw.split())
    return len(code) == 4 and code.isdigit() and code in prefixes


def code_prefixes(codes: Iterable[str]) -> frozenset[str]:
    """First 4 characters of ``codes``, for :func:`cut_code`."""
    return frozenset(code[:4] for code in codes)


# --- Zone labels ------------------------------------------------------------------------

#: A rank prefix such as "1_", "2 - ", "3." in front of the label ("1_ZIP").
_RANK_PREFIX = re.compile(r"^\s*\d{1,2}\s*[_.):-]?\s*(?=\D)")
#: Separators between a code and its spelled-out label ("ZIP - Zone d'intervention ...").
_LABEL_PARTS = re.compile(r"[()\[\]:/|–—]|\s-\s")


def normalise_zone(raw: str, domain: Domain) -> str:
    """Return the zone code a label stands for (the spellings of ``sources/zones.csv``).

    Accepts the code, the spelled-out label, a rank prefix ("1_ZIP") and both together
    ("ZIP (zone d'intervention prioritaire)") as long as every part names the same zone.
    Anything else, including an empty cell, is rejected rather than guessed.
    """
    label = _RANK_PREFIX.sub("", raw, count=1)
    parts = [fold(part) for part in _LABEL_PARTS.split(label)]
    parts = [part for part in parts if part]
    spellings = domain.zone_by_spelling()
    codes = {spellings.get(part) for part in parts}
    if len(codes) == 1 and None not in codes:
        return codes.pop()  # type: ignore[return-value]
    if not parts:
        raise InvalidValue("libellé de zone manquant", raw)
    expected = [
        z.code if z.label.startswith(z.code) else f"{z.label} ({z.code})"
        for z in domain.zones
        if z.code in domain.vintage_codes
    ]
    raise InvalidValue("libellé de zone inconnu", raw, "attendus : " + ", ".join(expected))


# --- Establishment categories -----------------------------------------------------------

#: Folded keywords (whole words) of FINESS category labels, checked in this order so that
#: "EHPAD du centre hospitalier" is medico-social and not sanitaire.
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        Layer.MEDICO_SOCIAL,
        (
            "medico social",
            "medicosocial",
            "ehpad",
            "ehpa",
            "hebergement pour personnes agees",
            "residence autonomie",
            "foyer",
            "institut medico educatif",
            "ime",
            "itep",
            "esat",
            "aide par le travail",
            "sessad",
            "education speciale",
            "ssiad",
            "soins infirmiers a domicile",
            "spasad",
            "samsah",
            "maison d accueil specialisee",
            "mas",
            "fam",
            "camsp",
            "action medico sociale precoce",
            "cmpp",
            "centre medico psycho pedagogique",
            "csapa",
            "caarud",
            "lits halte soins sante",
            "lhss",
            "lits d accueil medicalises",
            "appartement de coordination therapeutique",
            "accueil de jour",
        ),
    ),
    (
        Layer.SANITAIRE,
        (
            Layer.SANITAIRE.value,
            "centre hospitalier",
            "hopital",
            "hospitalier",
            "chu",
            "chr",
            "chs",
            "clinique",
            "centre de sante",
            "maison de sante",
            "msp",
            "centre medico psychologique",
            "cmp",
            "dialyse",
            "hospitalisation a domicile",
            "had",
            "soins de suite",
            "soins medicaux et de readaptation",
            "ssr",
            "smr",
            "etablissement de sante",
            "lutte contre le cancer",
        ),
    ),
    (
        Layer.DISPOSITIF,
        (
            Layer.DISPOSITIF.value,
            "dac",
            "appui a la coordination",
            "plateforme",
            "equipe mobile",
            "contrat local de sante",
            "cls",
            "reseau de sante",
        ),
    ),
)


def _contains_words(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def normalise_category(raw: str) -> str:
    """Map a category cell to sanitaire, medico-social or dispositif.

    Accepts the three project values in any spelling ("Médico-social") and the usual
    FINESS category labels ("Centre Hospitalier (C.H.)", "Etablissement d'hébergement
    pour personnes âgées dépendantes"), by whole-word keywords. Dots are dropped first
    so that "C.M.P." reads as "cmp". Numeric FINESS category codes are not mapped:
    the label column is required.
    """
    folded = fold(raw.replace(".", ""))
    if not folded:
        raise InvalidValue("catégorie manquante", raw)
    for category, keywords in CATEGORY_KEYWORDS:
        if any(_contains_words(folded, keyword) for keyword in keywords):
            return category
    raise InvalidValue(
        "catégorie inconnue",
        raw,
        "attendus : sanitaire, médico-social, dispositif ou un libellé de catégorie FINESS",
    )


# --- FINESS numbers, numbers, vintages --------------------------------------------------

_FINESS = re.compile(r"^(?:\d{2}|2[AB])\d{7}$")


def normalise_finess(raw: str) -> str:
    """Return a 9-character FINESS number, or "" for an empty cell (the column is optional)."""
    code = "".join(raw.split()).upper()
    match = _EXCEL_FLOAT.match(code)
    if match:
        code = match.group(1)
    if not code:
        return ""
    if len(code) == 8 and code.isdigit():
        code = "0" + code
    if _FINESS.match(code):
        return code
    raise InvalidValue("numéro FINESS invalide", raw, "9 caractères attendus")


def parse_number(raw: str) -> float | None:
    """Read a coordinate written the French way ("50,6279", "704 123,5"); None when empty."""
    text = "".join(raw.split()).replace("\u202f", "").replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidValue("coordonnée invalide", raw) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidValue("coordonnée invalide", raw)
    return value


VINTAGE_MIN, VINTAGE_MAX = 2000, 2100
_YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def parse_vintage(text: str) -> int:
    """Validate a ``--vintage`` value: a 4-digit year from 2000 to 2100."""
    text = text.strip()
    if len(text) == 4 and text.isdigit() and VINTAGE_MIN <= int(text) <= VINTAGE_MAX:
        return int(text)
    raise InvalidValue("millésime invalide", text, f"année attendue de {VINTAGE_MIN} à {VINTAGE_MAX}")


def vintage_from_filename(name: str) -> int | None:
    """Return the year a file name carries ("zonage_MG_2026.xlsx"), None when it has none.

    Raises ``InvalidValue`` when the name carries several different years
    ("zonage_2023_maj_2026.csv"): picking one would be a guess.
    """
    years = {int(y) for y in _YEAR_IN_NAME.findall(name) if VINTAGE_MIN <= int(y) <= VINTAGE_MAX}
    if len(years) > 1:
        raise InvalidValue("millésime ambigu", name, "plusieurs années dans le nom du fichier : --vintage")
    return years.pop() if years else None
