"""The table of the packaged rulesets' coverage, as the documentation shows it."""

from __future__ import annotations

from typing import Any

import waterbeleid as wb

SHORT = {
    wb.Receiver.SOIL: "soil",
    wb.Receiver.SURFACE_WATER: "surface water",
    wb.Receiver.RAINWATER_SEWER: "rainwater sewer",
    wb.Receiver.FOUL_SEWER: "foul sewer",
}


def _receivers(found: Any) -> str:
    found = list(found)
    if not found:
        return "—"
    if set(found) == set(wb.Receiver):
        return "all"
    return ", ".join(SHORT[r] for r in wb.Receiver if r in found)


def _quality(cases: Any) -> str:
    parts = []
    for origin, label in (
        (wb.Origin.DEWATERING, "dewatering"),
        (wb.Origin.SOIL_REMEDIATION, "remediation"),
    ):
        receivers = [r for o, r, _ in cases if o is origin]
        if not receivers:
            continue
        split = any(o is origin and d is not None for o, _, d in cases)
        text = _receivers(dict.fromkeys(receivers))
        parts.append(f"{label}: {text}" + (" (designated or not)" if split else ""))
    return "; ".join(parts) or "—"


def _levies(levies: Any) -> str:
    parts = []
    for levy in levies:
        years = ", ".join(str(t.year) for t in levy.tariffs) or "no tariff"
        basis = "" if levy.volume_per_unit is not None else ", basis unknown"
        parts.append(f"{levy.kind.label_nl} ({years}{basis})")
    return "; ".join(parts) or "—"


def coverage_rows() -> list[str]:
    """One Markdown table row per version of every packaged ruleset."""
    rows = []
    for rules in wb.rulesets():
        for cover in rules.coverage():
            notices = ", ".join(wb.format_quantity(n) for n in cover.notices) or "—"
            reporting = ", ".join(wb.format_quantity(r.within) for r in cover.reporting) or "—"
            cells = [
                f"`{rules.name}`",
                f"{cover.version.name} ({cover.version.span()})",
                _receivers(cover.receivers),
                _quality(cover.quality),
                _receivers(cover.quantity),
                notices,
                _levies(cover.levies),
                reporting,
            ]
            rows.append("| " + " | ".join(cells) + " |")
    return rows


HEADER = (
    "| ruleset | version | who decides | quality rules | thresholds | notice | levies "
    "(tariff years) | reporting |\n|---|---|---|---|---|---|---|---|"
)
