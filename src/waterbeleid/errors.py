"""The exceptions that waterbeleid raises on purpose.

Every one of them derives from :class:`WaterbeleidError`, so a caller can catch
everything the library raises about bad input with one ``except`` clause. The
subclasses also derive from the built-in exception that fits their meaning
(:class:`ValueError`, :class:`LookupError`), so code written against the
standard library keeps working.
"""

from __future__ import annotations

__all__ = [
    "CatalogueError",
    "DatasetError",
    "OpenTimingError",
    "OutOfRangeError",
    "OutputError",
    "QuarterValueError",
    "RulesetError",
    "StructureError",
    "TariffNotFoundError",
    "TimingParseError",
    "UnitError",
    "VocabularyError",
    "WaterbeleidError",
]


class WaterbeleidError(Exception):
    """Base class of every error that waterbeleid raises on purpose."""


class QuarterValueError(WaterbeleidError, ValueError):
    """A quarter number outside 1-4 or a year outside the supported range."""


class TimingParseError(WaterbeleidError, ValueError):
    """Text that is not a quarter or a timing notation that waterbeleid knows."""


class OpenTimingError(WaterbeleidError, ValueError):
    """A timing without an end or a start (open-ended, ongoing, a deadline, to be
    determined) where a closed period is needed, e.g. to list its quarters."""


class UnitError(WaterbeleidError, ValueError):
    """A quantity of the wrong dimension, without a unit, or not a quantity at all."""


class OutOfRangeError(UnitError):
    """A quantity beyond the documented bounds of its dimension (an absurd or infinite amount).

    It is a :class:`UnitError`, so code that catches bad quantities catches it too. The
    bounds are listed in :data:`waterbeleid.units.BOUNDS`.
    """


class StructureError(WaterbeleidError, ValueError):
    """Data that cannot be turned into waterbeleid objects.

    The message lists the first five problems (all of them when raised with
    ``shown=None``, as :meth:`DischargeActivity.from_mapping
    <waterbeleid.discharge.model.DischargeActivity.from_mapping>` does).

    Attributes:
        messages: One message per problem, each starting with the ``$.path``
            of the offending value.
    """

    def __init__(
        self, messages: list[str] | tuple[str, ...], what: str = "data", *, shown: int | None = 5
    ) -> None:
        self.messages: tuple[str, ...] = tuple(messages)
        summary = "; ".join(self.messages[:shown])
        more = len(self.messages) - len(self.messages[:shown])
        if more > 0:
            summary += f"; and {more} more"
        super().__init__(f"invalid {what}: {summary}")

    @property
    def problems(self) -> tuple[tuple[str, str], ...]:
        """Each problem as ``(path, message)``: ``("$.flow", "expected a flow …")``."""
        return tuple(_split(message) for message in self.messages)


def _split(message: str) -> tuple[str, str]:
    path, separator, text = message.partition(": ")
    return (path, text) if separator and path.startswith("$") else ("$", message)


class VocabularyError(WaterbeleidError, ValueError):
    """A value that is not a member of a closed vocabulary (an enum)."""


class DatasetError(WaterbeleidError):
    """A dataset file that cannot be read at all (missing, not JSON/YAML/CSV, no ``kind``)."""


class OutputError(WaterbeleidError):
    """An output file that cannot or must not be written (an input file, a device, no space)."""


class CatalogueError(WaterbeleidError, LookupError):
    """An unknown catalogue name, or a packaged catalogue that fails to load."""


class RulesetError(WaterbeleidError, ValueError):
    """A discharge ruleset file that is missing a parameter or holds a bad value."""


class TariffNotFoundError(WaterbeleidError, LookupError):
    """No levy tariff is known for the requested year."""
