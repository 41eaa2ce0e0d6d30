"""Annotation types for quantities (and moments) that do not import pint at run time.

Type checkers see :class:`pint.Quantity` (and :class:`datetime.date` for ``Moment``, which
holds a ``datetime.datetime`` as well). At run time each name is a distinct
marker class, so that the converter in :mod:`waterbeleid.serialize` knows which
dimension a field holds without ``import waterbeleid`` importing pint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Concentration", "Duration", "Flow", "Length", "Mass", "Moment", "Quantity", "Volume"]

if TYPE_CHECKING:
    import datetime
    from typing import Any, TypeAlias

    import pint

    Quantity: TypeAlias = pint.Quantity[Any]
    Flow = Quantity
    Concentration = Quantity
    Volume = Quantity
    Duration = Quantity
    Mass = Quantity
    Length = Quantity
    Moment: TypeAlias = datetime.date
else:

    class Quantity:
        """Any pint quantity (run-time marker for annotations)."""

        dimension = None

    class Flow(Quantity):
        """A volume per time (run-time marker for annotations)."""

        dimension = "flow"

    class Concentration(Quantity):
        """A mass per volume (run-time marker for annotations)."""

        dimension = "concentration"

    class Volume(Quantity):
        """A volume (run-time marker for annotations)."""

        dimension = "volume"

    class Duration(Quantity):
        """A length of time (run-time marker for annotations)."""

        dimension = "duration"

    class Mass(Quantity):
        """A mass (run-time marker for annotations)."""

        dimension = "mass"

    class Length(Quantity):
        """A length (run-time marker for annotations)."""

        dimension = "length"

    class Moment:
        """A day or a day and time: a ``datetime.date`` or a ``datetime.datetime``
        (run-time marker for annotations; ISO text on input and output)."""
