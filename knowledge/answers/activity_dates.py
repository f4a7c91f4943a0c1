"""An activity's dates as an answer shows them: ISO, and as the plan writes them when that differs.

The parser reads "1 mars 2022" or "jun 2022" into dates, but staff look the activity up in the
plan and quote it back ("slutar den 31 dec?"): the answer keeps the plan's own wording beside
the ISO date, and shows the cell as written when it could not be read as a date at all.
"""

from __future__ import annotations

import datetime as dt
import re

from knowledge.models import Activity

# A cell that holds a date: a year, or eight digits ("20230131").
_DATED = re.compile(r"\b(?:19|20)\d\d\b|^\d{8}$")


def written_dates(act: Activity) -> tuple[str | None, str | None]:
    """The start and end cells of the activity's row as written (the first two dated cells after its text)."""
    cells = [cell.strip() for cell in act.row_text.split("\t")[1:]]
    dated = [cell for cell in cells if _DATED.search(cell)]
    return (dated[0] if dated else None, dated[1] if len(dated) > 1 else None)


def shown_date(date: dt.date | None, written: str | None, missing: str) -> str:
    """'2022-03-01 (1 mars 2022)', '2022-03-01', the cell as written, or `missing`."""
    if date is None:
        return written or missing
    iso = date.isoformat()
    return iso if not written or written == iso else f"{iso} ({written})"


def activity_dates(act: Activity, missing: str) -> tuple[str, str]:
    """The activity's start and end as the answer shows them."""
    start_text, end_text = written_dates(act)
    if act.start is None and act.end is not None and end_text is None:
        start_text, end_text = None, start_text  # only the end date is written
    return shown_date(act.start, start_text, missing), shown_date(act.end, end_text, missing)
