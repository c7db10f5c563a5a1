"""The facts shared by the commune and the EPCI reports, each worded in one place.

Aids (``sources/aides.csv``), contracts (``sources/contracts.csv``), the places an edition
cites (``communes/establishments.csv`` ``editions``) and the nearest hospital among them are
worded here and nowhere else: a surface that shows one of them renders these facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from erbm_map.core.domain import CONTRACT_TYPE_OF
from erbm_map.core.fmt import fmt_date, fmt_eur, fmt_km, fmt_value
from erbm_map.core.labels import CATEGORY_NAMES, Labels
from erbm_map.core.readings import amount_for
from erbm_map.data import Bundle
from erbm_map.reports.index import Row, fact_index
from erbm_map.reports.model import AidFact, Aids, ContractFact, EditionContracts, NearestFact, PlaceFact

#: The contracts the reports name (a CPTS is said apart: it covers communes, not an EPCI).
CONTRACT_TYPES = tuple(CONTRACT_TYPE_OF.values())


def joined(editions: Iterable[str]) -> str:
    """« <year> », or « <year> et <year> » when several brochures are meant."""
    return f" {Labels.AND} ".join(sorted(set(editions)))


def aid_amount(row: Row | pd.Series) -> str:
    """« 50 000 € en une fois », « 6 900 € brut par mois pendant 2 ans », « 5 000 € par an pendant 3 ans »."""
    parts = [fmt_eur(float(row["montant_eur"])), str(row["precision"] or ""), aid_unit(row)]
    if row["duree"]:
        parts.append(Labels.AID_DURATION.format(duration=row["duree"]))
    return " ".join(part for part in parts if part)


def aid_unit(row: Row | pd.Series) -> str:
    """The unit as a reader says it: « par mois », « par an », « en une fois »."""
    return Labels.AID_UNIQUE.value if row["unite"] == "unique" else str(row["unite"])


def _aid(row: Row, zones: tuple[str, ...] = ()) -> AidFact:
    return AidFact(
        label=str(row["label"]),
        amount=aid_amount(row),
        unit=aid_unit(row),
        duration=str(row["duree"] or ""),
        conditions=str(row["conditions"] or ""),
        valid_from=fmt_date(str(row["valid_from"])),
        edition=str(row["edition"]),
        wording=str(row["libelle_brochure"]),
        source=str(row["source"]),
        zones=zones,
    )


def _aid_lines(bundle: Bundle, rows: list[Row], many: bool) -> tuple[AidFact, ...]:
    """The aids of some zones in file order; one announced for several of them is listed once."""
    names = bundle.zones["short_label"] if "short_label" in bundle.zones else bundle.zones["label"]
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(f"{row['label']}|{aid_amount(row)}|{row['valid_from']}", []).append(row)
    return tuple(
        _aid(same[0], tuple(str(names[r["zone"]]) for r in same) if many else ()) for same in grouped.values()
    )


def aids_of(bundle: Bundle, zones: Sequence[str], vintage: str) -> Aids:
    """The aid section of a commune (one zone) or an EPCI (its aided zones), with its notices."""
    levels = {bundle.domain.aid_level(z) for z in zones}
    partial = Labels.AIDS_PARTIAL.value if levels == {"partielle"} else ""
    aided = [z for z in zones if bundle.domain.aid_level(z) != "aucune"]
    by_zone = fact_index(bundle).aids_by_zone
    rows = [row for zone in aided for row in by_zone.get(zone, [])]
    lines = _aid_lines(bundle, rows, len(set(zones)) > 1)
    if not lines:
        return Aids(partial=partial, empty="" if partial else Labels.AIDS_NONE.value)
    announced, start = joined(a.edition for a in lines), min(str(r["valid_from"]) for r in rows)
    return Aids(
        lines=lines,
        partial=partial,
        announced=Labels.AIDS_ANNOUNCED.format(edition=announced, date=fmt_date(start)),
        short_notice=Labels.AIDS_COMPACT.format(edition=announced, date=fmt_date(start)),
        zoning=Labels.AIDS_ZONING.format(vintage=vintage),
        caveats=_caveats(_text(r.get("note")) for r in rows),
        source=Labels.AIDS_SOURCE.format(source=" ; ".join(dict.fromkeys(a.source for a in lines))),
        check=Labels.AIDS_CHECK.value,
    )


def _caveats(notes: Iterable[str]) -> tuple[str, ...]:
    """Each zone's note on how the brochure words its aids, without the sentences another already said.

    The notes of several zones share their first sentence (the brochure lists the zones beside
    the aids); an EPCI spanning them says it once.
    """
    seen: set[str] = set()
    caveats = []
    for note in dict.fromkeys(n for n in notes if n):
        fresh = [x for x in re.split(r"(?<=\.)\s+", note) if x and x not in seen]
        seen.update(fresh)
        if fresh:
            caveats.append(" ".join(fresh))
    return tuple(caveats)


def _text(value: object) -> str:
    """A cell as text: blank for empty and missing (NaN) cells."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def contract_text(kind: str, label: str) -> str:
    """« CLS — Contrat local de santé de … », or the label alone when it already names its type."""
    return label if label.split(" ", 1)[0] == kind else f"{kind} — {label}"


def _cpts(bundle: Bundle, insee: Sequence[str], edition: str) -> tuple[str, str]:
    """The CPTS covering the place, or plainly that no perimeter is published, with the brochure's count."""
    index = fact_index(bundle)
    names = sorted({name for code in insee for name in index.cpts_by_insee.get(code, [])})
    if names:
        return f"{Labels.SHEET_CPTS} : {', '.join(names)}", ""
    row = index.cpts_count.get(edition)
    if row is None:
        return Labels.SHEET_CPTS_NO_COUNT.value, ""
    value = " ".join(p for p in (_text(row["qualifier"]), fmt_value(row["value"], str(row["unit"]))) if p)
    return Labels.SHEET_CPTS_NONE.format(edition=edition, count=value), str(row["source"])


def edition_contracts(
    bundle: Bundle, siren: str, insee: Sequence[str], edition: str, title: str
) -> EditionContracts:
    """The CLS and CLSM an EPCI signed in an edition, and the CPTS of its communes."""
    rows = fact_index(bundle).contracts.get((siren, edition), [])
    contracts = tuple(
        ContractFact(
            str(r["type"]), contract_text(str(r["type"]), str(r["label"])), edition, str(r["source"])
        )
        for r in rows
        if r["type"] in CONTRACT_TYPES
    )
    cpts, cpts_source = _cpts(bundle, insee, edition)
    return EditionContracts(
        edition=edition,
        title=title,
        contracts=contracts,
        empty=Labels.CONTRACTS_NONE.format(edition=edition),
        cpts=cpts,
        cpts_source=cpts_source,
    )


def cited_text(editions: object) -> str:
    """« cité dans l'édition <year> », « cité dans les éditions <year> et <year> », or imported."""
    values = [e for e in _text(editions).split(";") if e]
    if not values:
        return Labels.SHEET_CITED_NONE.value
    label = Labels.SHEET_CITED if len(values) == 1 else Labels.SHEET_CITED_BOTH
    return label.format(editions=joined(values))


def _place(row: Row, edition: str) -> PlaceFact:
    return PlaceFact(
        ident=str(row["id"]),
        name=str(row["nom"]),
        category=str(row["categorie"]),
        kind=str(CATEGORY_NAMES.get(str(row["categorie"]), row["categorie"])),
        commune=str(row["commune"]),
        amount=amount_for(row, edition),
        cited=cited_text(row["editions"]),
        only_this_edition=_text(row["editions"]) == edition,
        theme=_text(row.get("theme")),
    )


def place_facts(bundle: Bundle, insee: Sequence[str], edition: str) -> tuple[PlaceFact, ...]:
    """The establishments and schemes of some communes that the edition cites, by category and name."""
    places = fact_index(bundle).places
    rows = [row for code in insee for row in places.get((code, edition), [])]
    rows.sort(key=lambda r: (str(r["categorie"]), str(r["nom"])))
    return tuple(_place(row, edition) for row in rows)


def nearest_fact(bundle: Bundle, insee: str, edition: str) -> NearestFact | None:
    """The nearest hospital the edition cites, town hall to town hall (``data.loader`` measures it)."""
    index = fact_index(bundle)
    c = index.communes[insee]
    ident = _text(c.get(f"nearest_hospital_{edition}", c["nearest_hospital"]))
    if not ident:
        return None
    nearest = index.establishments[ident]
    if nearest["insee"] == insee:
        text = Labels.NEAREST_HERE.format(name=nearest["nom"])
    else:
        km = c.get(f"nearest_hospital_km_{edition}", c["nearest_hospital_km"])
        text = Labels.NEAREST_VALUE.format(
            name=nearest["nom"], commune=nearest["commune"], distance=fmt_km(km)
        )
    return NearestFact(ident, str(nearest["nom"]), text, cited_text(nearest["editions"]))
