"""Writing the tables and the agenda for other programs: CSV, Excel, iCalendar.

* :func:`write_csv` and :func:`write_xlsx` (the ``excel`` extra, openpyxl) write the
  tables of :mod:`waterbeleid.tables`: lists joined with ``"; "``, quarters as
  ``"2025Q3"``, units in the headers (``volume [m³]``), and every text cell that a
  spreadsheet would take for a formula made harmless (see :func:`neutralise`).
* :func:`to_ics` and :func:`write_ics` (the ``calendar`` extra, icalendar) write the
  agenda of a calendar, or the end of each action line of a plan, as all-day events.

Nothing here imports openpyxl or icalendar until a writer that needs it is called.
"""

from waterbeleid.export.ics import CalendarEvent, events, to_ics, write_ics
from waterbeleid.export.sheets import (
    cell_text,
    header_label,
    neutralise,
    sheets,
    write_csv,
    write_xlsx,
)

__all__ = [
    "CalendarEvent",
    "cell_text",
    "events",
    "header_label",
    "neutralise",
    "sheets",
    "to_ics",
    "write_csv",
    "write_ics",
    "write_xlsx",
]
