"""Made-up rulesets for the tests, derived from the packaged ones."""

from __future__ import annotations

import functools

import waterbeleid as wb
from waterbeleid.discharge import default_ruleset, load_ruleset


@functools.cache
def open_2021() -> wb.discharge.Ruleset:
    """The packaged rules of 2021 alone (the guidance's own, without the decree's tables),
    as if they applied from 2021 on without end: the newest rules (which a discharge
    without a start day gets) and those of a far future are then those of 2021."""
    data = wb.unstructure(default_ruleset())
    first = data["versions"][0]
    first["valid_to"] = None
    first["include"] = []
    data["versions"] = [first]
    for key in ("receivers", "quality", "quantity", "levies", "reporting", "assumptions"):
        data[key] = [e for e in data[key] if e["valid_from"] < "2024-01-01"]
    data["name"] = "brabantse_delta_2021_open"
    return load_ruleset(data)
