"""Write small Sphinx inventories (objects.inv v2) for the external names the docs link to.

The build tries the real inventories online first and falls back to these files, so an
offline build still resolves every link. Add a name here when the docs start to link to
it, then run::

    python docs/_inventories/make_inventories.py docs/_inventories
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

Entry = tuple[str, str, str]


def write(path: Path, project: str, version: str, entries: list[Entry]) -> None:
    """Write one inventory: a plain header, then the zlib-compressed entries."""
    head = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in entries)
    path.write_bytes(head.encode() + zlib.compress(body.encode()))


def python_entries() -> list[Entry]:
    """The names of the Python documentation that the docs link to."""
    builtins = ["str", "int", "float", "bool", "bytes", "tuple", "list", "dict", "set"]
    builtins += ["frozenset", "object", "type", "range"]
    exceptions = ["Exception", "BaseException", "ValueError", "TypeError", "LookupError"]
    exceptions += ["KeyError", "OSError", "RecursionError", "SystemExit"]
    entries = [(b, "py:class", f"library/functions.html#{b}") for b in builtins]
    entries += [(e, "py:exception", f"library/exceptions.html#{e}") for e in exceptions]
    entries += [(c, "py:data", f"library/constants.html#{c}") for c in ["None", "True", "False"]]
    entries += [
        (n, "py:class", f"library/datetime.html#{n}")
        for n in ["datetime.date", "datetime.datetime", "datetime.timedelta"]
    ]
    entries += [
        ("decimal.Decimal", "py:class", "library/decimal.html#decimal.Decimal"),
        ("decimal.ROUND_HALF_UP", "py:data", "library/decimal.html#decimal.ROUND_HALF_UP"),
        ("fractions.Fraction", "py:class", "library/fractions.html#fractions.Fraction"),
    ]
    entries += [
        (n, "py:class", f"library/collections.abc.html#{n}")
        for n in [
            "collections.abc.Mapping",
            "collections.abc.Iterator",
            "collections.abc.Iterable",
            "collections.abc.Sequence",
            "collections.abc.Callable",
            "collections.abc.Hashable",
        ]
    ]
    entries += [
        (n, "py:data", f"library/typing.html#{n}")
        for n in ["typing.Any", "typing.Final", "typing.Self"]
    ]
    entries += [
        ("enum.Enum", "py:class", "library/enum.html#enum.Enum"),
        ("enum.Enum.value", "py:attribute", "library/enum.html#enum.Enum.value"),
        ("enum.Enum.name", "py:attribute", "library/enum.html#enum.Enum.name"),
        ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
        ("pathlib.Path", "py:class", "library/pathlib.html#pathlib.Path"),
        ("functools.cache", "py:function", "library/functools.html#functools.cache"),
        ("re.Pattern", "py:class", "library/re.html#re.Pattern"),
        ("json.dumps", "py:function", "library/json.html#json.dumps"),
        ("json.loads", "py:function", "library/json.html#json.loads"),
        ("typing.IO", "py:class", "library/typing.html#typing.IO"),
        ("typing.NamedTuple", "py:class", "library/typing.html#typing.NamedTuple"),
        ("csv.Dialect", "py:class", "library/csv.html#csv.Dialect"),
        ("csv", "py:module", "library/csv.html#module-csv"),
    ]
    return entries


ATTRS: list[Entry] = [
    ("attrs.frozen", "py:function", "api.html#attrs.frozen"),
    ("attrs.define", "py:function", "api.html#attrs.define"),
    ("attrs.field", "py:function", "api.html#attrs.field"),
    ("attrs.evolve", "py:function", "api.html#attrs.evolve"),
    ("attrs.validators", "py:module", "api.html#module-attrs.validators"),
]

CATTRS: list[Entry] = [
    ("cattrs.Converter", "py:class", "cattrs.html#cattrs.Converter"),
    ("cattrs.transform_error", "py:function", "cattrs.html#cattrs.transform_error"),
    (
        "cattrs.errors.ClassValidationError",
        "py:exception",
        "cattrs.html#cattrs.errors.ClassValidationError",
    ),
]

PINT: list[Entry] = [
    ("pint.Quantity", "py:class", "api/base.html#pint.Quantity"),
    ("pint.UnitRegistry", "py:class", "api/base.html#pint.UnitRegistry"),
    (
        "pint.get_application_registry",
        "py:function",
        "api/base.html#pint.get_application_registry",
    ),
    (
        "pint.set_application_registry",
        "py:function",
        "api/base.html#pint.set_application_registry",
    ),
]

DATEUTIL: list[Entry] = [
    (
        "dateutil.relativedelta.relativedelta",
        "py:class",
        "relativedelta.html#dateutil.relativedelta.relativedelta",
    ),
]


PANDAS: list[Entry] = [
    ("pandas.DataFrame", "py:class", "reference/api/pandas.DataFrame.html#pandas.DataFrame"),
    ("pandas.Period", "py:class", "reference/api/pandas.Period.html#pandas.Period"),
    (
        "pandas.DataFrame.merge",
        "py:method",
        "reference/api/pandas.DataFrame.merge.html#pandas.DataFrame.merge",
    ),
]

MATPLOTLIB: list[Entry] = [
    (
        "matplotlib.axes.Axes",
        "py:class",
        "api/_as_gen/matplotlib.axes.Axes.html#matplotlib.axes.Axes",
    ),
    (
        "matplotlib.figure.Figure",
        "py:class",
        "api/_as_gen/matplotlib.figure.Figure.html#matplotlib.figure.Figure",
    ),
]


def main(out: Path) -> None:
    """Write the inventories into *out*."""
    write(out / "python.inv", "Python", "3", python_entries())
    write(out / "attrs.inv", "attrs", "stable", ATTRS)
    write(out / "cattrs.inv", "cattrs", "stable", CATTRS)
    write(out / "pint.inv", "pint", "stable", PINT)
    write(out / "dateutil.inv", "dateutil", "stable", DATEUTIL)
    write(out / "pandas.inv", "pandas", "stable", PANDAS)
    write(out / "matplotlib.inv", "Matplotlib", "stable", MATPLOTLIB)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
