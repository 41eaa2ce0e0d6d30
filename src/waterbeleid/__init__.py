"""waterbeleid: a typed, unit-aware model of Flemish and Dutch water policy.

All public names are importable from here::

    import waterbeleid as wb

    wb.Quarter.parse("Q3 2024")
    wb.parse_timing("Doorlopend vanaf Q2 2025")
    wb.flow("5 m3 per uur")

Importing the package is cheap: pint's unit registry and the cattrs converter
are built on first use.
"""

from waterbeleid._version import __version__
from waterbeleid.errors import (
    CatalogueError,
    DatasetError,
    QuarterValueError,
    RulesetError,
    StructureError,
    TariffNotFoundError,
    TimingParseError,
    UnitError,
    VocabularyError,
    WaterbeleidError,
)
from waterbeleid.quarters import Quarter, Timing, TimingKind, parse_timing
from waterbeleid.serialize import structure, unstructure
from waterbeleid.units import (
    concentration,
    duration,
    flow,
    format_quantity,
    length,
    mass,
    parse_quantity,
    volume,
)

__all__ = [
    "CatalogueError",
    "DatasetError",
    "Quarter",
    "QuarterValueError",
    "RulesetError",
    "StructureError",
    "TariffNotFoundError",
    "Timing",
    "TimingKind",
    "TimingParseError",
    "UnitError",
    "VocabularyError",
    "WaterbeleidError",
    "__version__",
    "concentration",
    "duration",
    "flow",
    "format_quantity",
    "length",
    "mass",
    "parse_quantity",
    "parse_timing",
    "structure",
    "unstructure",
    "volume",
]
