"""Exports: the commune table as shown (CSV, XLSX, with sources, dates and link), and the figures.

The browser sends the order of the rows it shows (filtered and sorted); the values come
from the server's own tables, so a request can choose rows and their order, nothing else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from erbm_map.core.citations import source_lines
from erbm_map.core.fmt import UNIT_SUFFIX, fmt_moment
from erbm_map.core.labels import Labels
from erbm_map.core.pairs import pairs
from erbm_map.core.textsafe import neutralise_formula
from erbm_map.core.widget_labels import GRID_LOCALE_TEXT as LOCALE_TEXT
from erbm_map.dashboard.layout.kpis import figure_text
from erbm_map.dashboard.layout.table import COLUMNS, commune_rows
from erbm_map.data import Bundle
from erbm_map.reports import commune_report
from erbm_map.reports.facts import joined
from erbm_map.reports.model import CommuneReport

PARIS = ZoneInfo("Europe/Paris")
MAX_LINK = 2100
MAX_FILTER_TEXT = 80
#: What a column holds, with its unit or date, for the export's header row.
HEADERS = {
    "nom": Labels.COMMUNE,
    "insee": Labels.INSEE,
    "epci_nom": Labels.EPCI,
    "population": Labels.EXPORT_POPULATION,
    "zone": Labels.EXPORT_ZONE,
    "cls": Labels.EXPORT_CLS,
    "clsm": Labels.EXPORT_CLSM,
    "etablissements": Labels.EXPORT_ESTABLISHMENTS,
    "contrats": Labels.EXPORT_CONTRACTS,
    "etablissement_proche": Labels.EXPORT_NEAREST,
    "aides": Labels.EXPORT_AIDS,
    "aides_source": Labels.EXPORT_AIDS_SOURCE,
}
#: The columns each commune's report fills (``report_columns``), after the table's own.
REPORT_COLUMNS = ("etablissements", "contrats", "etablissement_proche", "aides", "aides_source")


@dataclass(frozen=True)
class TableExport:
    """The rows of an export (French headers, in the shown order) and its « about » lines."""

    rows: pd.DataFrame
    about: tuple[tuple[str, str], ...]


def shown_codes(bundle: Bundle, shown: object) -> list[str]:
    """INSEE codes of the rows the grid shows, in its order; unknown or repeated codes are dropped.

    ``shown`` is the grid's ``virtualRowData`` as received: anything but a list of rows
    (missing before the grid is ready) means every commune, sorted by name.
    """
    if not isinstance(shown, list):
        return list(commune_rows(bundle, bundle.domain.latest_edition, bundle.latest_vintage)["insee"])
    known = bundle.communes.index
    codes = (str(row.get("insee", "")) for row in shown[: len(known) * 2] if isinstance(row, dict))
    return list(dict.fromkeys(code for code in codes if code in known))


def describe_filters(filter_model: object) -> str:
    """The grid's filter model in French: « Zone contient « ZIP » ; Population supérieur à 1000 »."""
    if not isinstance(filter_model, dict) or not filter_model:
        return Labels.MAP_TOOLTIP_NONE
    names = dict(COLUMNS)
    parts = []
    for column, model in filter_model.items():
        if column not in names or not isinstance(model, dict):
            continue
        conditions = model.get("conditions") if isinstance(model.get("conditions"), list) else [model]
        joiner = f" {LOCALE_TEXT.get(str(model.get('operator', '')).lower() + 'Condition', 'ou')} "
        texts = [_condition(c) for c in conditions if isinstance(c, dict)]
        if texts := [t for t in texts if t]:
            parts.append(f"{names[column]} {joiner.lower().join(texts)}")
    return " ; ".join(parts) or Labels.MAP_TOOLTIP_NONE


def _condition(condition: Mapping[str, object]) -> str:
    kind = str(condition.get("type", ""))
    if kind not in LOCALE_TEXT:
        return ""
    values = [condition.get(key) for key in ("filter", "filterTo") if condition.get(key) is not None]
    shown = f" {Labels.AND} ".join(f"« {str(v)[:MAX_FILTER_TEXT]} »" for v in values)
    return f"{LOCALE_TEXT[kind].lower()} {shown}".strip()


def safe_link(href: object) -> str:
    """The view's link when it is a plain http(s) URL of reasonable length, else an empty string."""
    if not isinstance(href, str) or len(href) > MAX_LINK:
        return ""
    return href if urlparse(href).scheme in ("http", "https") else ""


def build_export(
    bundle: Bundle,
    codes: list[str],
    *,
    edition: str,
    vintage: str,
    link: str = "",
    filters: str = Labels.MAP_TOOLTIP_NONE,
    now: datetime | None = None,
) -> TableExport:
    """The table's rows for ``codes`` (in that order) with headers that carry units and dates."""
    vintage_label = Labels.VINTAGE_OPTION.format(vintage=vintage)
    rows = commune_rows(bundle, edition, vintage).set_index("insee", drop=False).loc[codes]
    rows = rows[[key for key, _label in COLUMNS]].reset_index(drop=True)
    # Places, contracts, nearest hospital and aids (unit, date, source) are each commune's report's.
    facts = [report_columns(commune_report(bundle, code, edition, vintage)) for code in codes]
    for key in REPORT_COLUMNS:
        rows[key] = [row[key] for row in facts]
    rows.columns = [
        HEADERS[key].format(
            edition=edition,
            vintage_label=vintage_label,
            aids=joined(bundle.aides["edition"]),
        )
        for key in rows.columns
    ]
    moment = (now or datetime.now(PARIS)).astimezone(PARIS)
    edition_label = bundle.domain.edition_label(edition)
    about = (
        (Labels.EXPORT_DOCUMENT, f"{Labels.TITLE} — {Labels.TABLE_TAB}"),
        (Labels.EXPORT_EDITION, str(edition_label)),
        (Labels.VINTAGE, vintage_label),
        (Labels.EXPORT_FILTERS, filters),
        (Labels.EXPORT_ROWS, Labels.EXPORT_ROWS_VALUE.format(count=len(rows))),
        (Labels.EXPORT_LINK, link or "—"),
        (Labels.EXPORT_MOMENT, Labels.EXPORT_MOMENT_FORMAT.format(moment=fmt_moment(moment))),
        *((Labels.EXPORT_SOURCE, line) for line in source_lines(bundle)),
    )
    return TableExport(rows=rows, about=about)


def _safe(values: Iterable[object]) -> list[object]:
    return [neutralise_formula(v) for v in values]


def to_csv(export: TableExport) -> bytes:
    """Semicolon CSV with a BOM (what French Excel opens with a double click); « # » lines say what it is."""
    out = io.StringIO()
    for key, value in export.about:
        out.write(f"# {neutralise_formula(key)} : {neutralise_formula(value)}\n")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(_safe(export.rows.columns))
    writer.writerows(_safe(row) for row in export.rows.itertuples(index=False, name=None))
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(export: TableExport) -> bytes:
    """A workbook: the communes on a first sheet (numbers stay numbers), sources and link on a second."""
    book = Workbook()
    sheet = book.active
    sheet.title = Labels.COMMUNES
    sheet.append(_safe(export.rows.columns))
    for row in export.rows.itertuples(index=False, name=None):
        sheet.append(_safe(v.item() if hasattr(v, "item") else v for v in row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    population = list(export.rows.columns).index(HEADERS["population"]) + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=population, max_col=population):
        cell.number_format = "#,##0"
    for index, header in enumerate(export.rows.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(48, len(header) + 2))
    about = book.create_sheet(Labels.FOOTER)
    about.append([Labels.EXPORT_ABOUT_KEY, Labels.SHEET_VALUE])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for key, value in export.about:
        about.append(_safe((key, value)))
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def indicator_rows(bundle: Bundle) -> pd.DataFrame:
    """Every figure with its printed value and, for a pair, the verdict of ``core/pairs.judge``."""
    table = bundle.indicators
    verdicts = {stem: pair.verdict for stem, pair in pairs(table).items()}
    return pd.DataFrame(
        {
            "identifiant": table["id"],
            "theme": table["theme"],
            "edition": table["edition"],
            "libelle": table["label"],
            "valeur": table["value"],
            "unite": table["unit"].map(UNIT_SUFFIX).fillna(""),
            "precision": table["qualifier"],
            "valeur_affichee": [
                figure_text(q, v, u)
                for q, v, u in zip(table["qualifier"], table["value"], table["unit"], strict=True)
            ],
            "territoire": table["territory"],
            "comparaison": [verdicts[s].text if s in verdicts else "" for s in table["stem"]],
            "raison": [verdicts[s].reason if s in verdicts else "" for s in table["stem"]],
            "source": table["source"],
            "note": table["note"],
        }
    )


def report_columns(report: CommuneReport) -> dict[str, str]:
    """A commune's export cells, worded by its report as its card and its sheet word them."""
    aids = report.aids
    return {
        "etablissements": " ; ".join(p.text for p in report.places),
        "contrats": " ; ".join(c.text for c in report.contracts.contracts),
        "etablissement_proche": report.nearest_text,
        "aides": " ; ".join([aids.partial] * bool(aids.partial) + [a.text for a in aids.lines]),
        "aides_source": " ".join(aids.notices),
    }
