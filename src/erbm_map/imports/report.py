"""What an import tells the planner: counts, rejections with line numbers, outcome.

The report is the only interface most planners see, so it is in French, names lines as
a spreadsheet shows them (1-based, title and header lines included) and always ends
with one sentence saying whether anything was written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

#: Exit statuses of ``erbm-map import``.
EXIT_OK, EXIT_IO_ERROR, EXIT_INVALID = 0, 1, 2
#: Rejections listed one by one; beyond, the report gives a count (a wrong file can
#: produce thousands and the first ones are enough to see the problem).
MAX_LISTED_REJECTIONS = 50
#: Skip reason of a row repeating an earlier one exactly.
SKIP_REPEAT = "doublons identiques"


@dataclass(frozen=True, slots=True)
class Rejection:
    """One problem in the file: where (``line`` None for the whole file), why, what value."""

    line: int | None
    reason: str
    value: str = ""
    hint: str = ""

    def describe(self, whole_file: str = "fichier : ") -> str:
        """Render as "ligne 12 : code INSEE inconnu « 5900A » (5 caractères attendus...)".

        ``whole_file`` prefixes a problem of no particular line.
        """
        where = f"ligne {self.line} : " if self.line is not None else whole_file
        text = f"{where}{self.reason}"
        if self.value:
            text += f" « {_shorten(self.value)} »"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ImportFailure(Exception):
    """The file as a whole cannot be imported (unreadable, empty, columns missing...).

    ``exit_code`` is ``EXIT_INVALID`` for bad content and ``EXIT_IO_ERROR`` when the file
    or the data directory cannot be read or written.
    """

    def __init__(self, rejection: Rejection, exit_code: int = EXIT_INVALID) -> None:
        super().__init__(rejection.describe())
        self.rejection = rejection
        self.exit_code = exit_code


def failure(reason: str, value: str = "", hint: str = "", *, line: int | None = None) -> ImportFailure:
    """Build the ``ImportFailure`` of a bad file (exit status 2)."""
    return ImportFailure(Rejection(line, reason, value, hint))


@dataclass(slots=True)
class ImportReport:
    """Counts and messages of one import, filled by the validators and the writer.

    Every data row below the header ends up in exactly one of ``accepted``, ``skipped``
    (counted by reason) or ``rejections``, so that the three add up to ``rows_read``.
    """

    title: str
    details: list[str] = field(default_factory=list)
    rows_read: int = 0
    accepted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fatal: Rejection | None = None

    def reject(self, line: int | None, reason: str, value: str = "", hint: str = "") -> None:
        """Record a fatal problem of one row."""
        self.rejections.append(Rejection(line, reason, value, hint))

    def keep_first(
        self,
        found: dict,
        key: Hashable,
        value: object,
        line: int,
        shown: str,
        hint: Callable[[object, int], str],
    ) -> bool:
        """Record ``value`` under ``key`` unless a row already did; True when recorded.

        A repeat of the same value is skipped as an identical duplicate; a different value
        for the same key is rejected as « doublon », ``hint(first_value, first_line)`` saying
        where the first one is. Every validator shares this rule.
        """
        if key in found:
            first, first_line = found[key]
            if first == value:
                self.skip(SKIP_REPEAT)
            else:
                self.reject(line, "doublon", shown, hint(first, first_line))
            return False
        found[key] = (value, line)
        self.accepted += 1
        return True

    def skip(self, reason: str) -> None:
        """Record a row left out on purpose (outside the perimeter, blank, repeated)."""
        self.skipped[reason] += 1

    @property
    def ok(self) -> bool:
        """Whether the file may be written: no rejection at all."""
        return not self.rejections and self.fatal is None

    def render(self) -> str:
        """Render the French text printed by the CLI (without the final outcome line).

        A file refused as a whole (unreadable, empty, columns missing) has no meaningful
        row counts, so only the reason is shown.
        """
        lines = [self.title, *(f"  {d}" for d in self.details)]
        if self.fatal is not None:
            lines.append(f"Fichier refusé : {self.fatal.describe(whole_file='')}")
            lines.extend(self.notes)
            return "\n".join(lines)
        lines.append(f"Lignes lues : {self.rows_read}")
        lines.append(f"  acceptées : {self.accepted}")
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{r} : {n}" for r, n in sorted(self.skipped.items()))
        lines.append(f"  ignorées : {skipped}" + (f" ({reasons})" if reasons else ""))
        lines.append(f"  rejetées : {len(self.rejections)}")
        if self.rejections:
            lines.append("Rejets :")
            lines.extend(f"  {r.describe()}" for r in self.rejections[:MAX_LISTED_REJECTIONS])
            extra = len(self.rejections) - MAX_LISTED_REJECTIONS
            if extra > 0:
                lines.append(f"  … et {extra} autre(s) rejet(s)")
        lines.extend(self.notes)
        return "\n".join(lines)


def _shorten(value: str, limit: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
