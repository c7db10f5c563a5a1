"""Reports: the facts of a place in a view, built once and rendered by every surface.

``commune_report`` and ``epci_report`` are pure functions of the bundle and the view; the
dashboard's cards, the print sheet, the presentation's focus slide and the export's commune
rows render what they return (see ``docs/architecture.md``).
"""

from erbm_map.reports.commune import commune_report
from erbm_map.reports.epci import epci_report
from erbm_map.reports.model import CommuneReport, EpciReport

__all__ = ["CommuneReport", "EpciReport", "commune_report", "epci_report"]
