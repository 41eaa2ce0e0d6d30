"""Parse the timing notations and quantities that the source documents use, and print them.

Run with ``python examples/timings_and_quantities.py``.
"""

from __future__ import annotations

import waterbeleid as wb

#: Timing notations as they stand in the VITO action plan and the WBS calendar.
TIMINGS = [
    "Q4/2024 -Q3/2026",
    "Q1 2026 - ",
    "Q3 2025- …",
    "Doorlopend vanaf Q1 2025",
    "Q3/2026",
    "Q1, 2025",
    "2027",
    "2025-2028",
    "te bepalen",
    "tbd",
    "Loopt",
    "Realiseerbaar in 2024/25",
    "Minimaal 3 sessies in 2025, rapport beschikbaar tegen Q1 2026.",
]

#: Quantities as the Brabantse Delta guidance on groundwater discharges writes them.
QUANTITIES = [
    (wb.concentration, "50 milligram per liter"),
    (wb.concentration, "300 mg/l"),
    (wb.flow, "5 kubieke meter per uur"),
    (wb.flow, "100m3 per uur"),
    (wb.flow, "2,5 l/s"),
    (wb.duration, "48 uur"),
    (wb.duration, "8 weken"),
    (wb.duration, "14 dagen"),
    (wb.volume, "1.000,0 m3"),
    (wb.volume, "1000 liter"),
]


def main() -> None:
    print("Timings")
    for text in TIMINGS:
        timing = wb.parse_timing(text)
        start = timing.start or "-"
        end = timing.end or "-"
        print(f"  {text!r:70} {timing.kind.value:17} {start!s:8} {end!s:8}")
    print("Quantities")
    for parse, text in QUANTITIES:
        q = parse(text)
        print(f"  {text!r:28} {wb.format_quantity(q):12} {parse.__name__}")


if __name__ == "__main__":
    main()
