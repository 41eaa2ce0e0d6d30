"""Sphinx configuration of the waterbeleid documentation."""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "waterbeleid"
author = "The waterbeleid developers"
copyright = "2026, The waterbeleid developers"
release = _version("waterbeleid")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "myst_parser",
    "matplotlib.sphinxext.plot_directive",
    "wb_enums",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_inventories"]
language = "en"

html_theme = "furo"
html_title = f"waterbeleid {release}"
html_static_path: list[str] = []

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Each inventory is tried online first; the small copy in _inventories/ (only the names
# these docs link to) keeps an offline build free of warnings.
intersphinx_timeout = 5
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", (None, "_inventories/python.inv")),
    "attrs": ("https://www.attrs.org/en/stable", (None, "_inventories/attrs.inv")),
    "cattrs": ("https://catt.rs/en/stable", (None, "_inventories/cattrs.inv")),
    "pint": ("https://pint.readthedocs.io/en/stable", (None, "_inventories/pint.inv")),
    "dateutil": ("https://dateutil.readthedocs.io/en/stable", (None, "_inventories/dateutil.inv")),
    "pandas": ("https://pandas.pydata.org/docs", (None, "_inventories/pandas.inv")),
    "matplotlib": ("https://matplotlib.org/stable", (None, "_inventories/matplotlib.inv")),
}

# The timeline pictures of the how-to guide are drawn when the documentation is built
# (matplotlib's plot directive, Agg backend, SVG only, no network).
plot_formats = [("svg", 96)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_pre_code = "import matplotlib\nmatplotlib.use('Agg')\n"
plot_rcparams = {"svg.hashsalt": "waterbeleid"}

nitpicky = True
nitpick_ignore_regex = [
    # numpy array types in the signatures of waterbeleid.discharge.batch
    ("py:class", r"(np|npt|numpy)\..*"),
    # type variables that autodoc shows in signatures
    ("py:class", r"(waterbeleid(\.\w+)*\.)?(T|_T|Self)"),
    ("py:class", r"attr\..*|attrs\.Attribute"),
    ("py:class", r"pint\..*UnitRegistry.*"),
]

# The repository root, so that doctests can read the files in examples/ whatever the
# directory sphinx-build runs from.
_REPO_ROOT = Path(__file__).resolve().parent.parent

# Only the ``doctest`` blocks of these pages run here. The ``>>>`` examples in docstrings
# need their module's namespace; pytest runs them (``--doctest-modules``).
doctest_test_doctest_blocks = ""
doctest_global_setup = f"""
import datetime
import matplotlib
matplotlib.use("Agg")
import waterbeleid as wb
_REPO_ROOT = {str(_REPO_ROOT)!r}
"""


# -- References to re-exported and inherited names ----------------------------------------
#
# Every public name is importable from the top level (``waterbeleid.WorkTable``), but the
# reference documents each one where it is defined (``waterbeleid.policy.worktables.WorkTable``).
# A docstring may also name a class that its module imports (``TimingParseError`` in
# ``waterbeleid.quarters``) or an attribute a class inherits (``value`` of an enum). When
# Sphinx cannot find such a target, this handler looks the name up the way Python would -- in
# the class and module the reference stands in, then as a dotted path, then along the class's
# bases -- and links to the place where that object is documented, here or (through
# intersphinx) in the documentation of Python, attrs, cattrs or pint. A target that names no
# real, documented object stays unresolved, so nitpicky mode still reports it.

_MODULE = type(importlib)
_QUANTITY_ANNOTATIONS = {
    "Quantity",
    "Flow",
    "Concentration",
    "Volume",
    "Duration",
    "Mass",
    "Length",
}


def _lookup(dotted: str) -> Any:
    """The object that *dotted* names, importing the longest module prefix; None if none."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            try:
                obj = getattr(obj, attr)
            except AttributeError:
                return None
        return obj
    return None


def _home(obj: Any) -> str | None:
    """Where *obj* is defined (``module.qualname``), for modules, classes and functions."""
    if isinstance(obj, _MODULE):
        return obj.__name__
    if isinstance(obj, type) or callable(obj):
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if isinstance(module, str) and isinstance(qualname, str):
            return f"{module}.{qualname}"
    return None


def _candidates(target: str, context: list[str]) -> list[str]:
    """Names under which the object that *target* means may be documented."""
    found: list[str] = []
    for prefix in [*context, ""]:
        dotted = f"{prefix}.{target}" if prefix else target
        if not dotted.startswith("waterbeleid"):
            continue
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            obj = _lookup(".".join(parts[:cut]))
            home = None if obj is None else _home(obj)
            if home is None and obj is not None and cut == len(parts):
                # module data (a table): every module that holds the same object by name
                found.extend(
                    f"{name}.{parts[-1]}"
                    for name, module in sorted(sys.modules.items())
                    if name.startswith("waterbeleid") and getattr(module, parts[-1], None) is obj
                )
            if home is None:
                continue
            rest = parts[cut:]
            found.append(".".join([home, *rest]))
            if rest and isinstance(obj, type):  # an inherited attribute: along the bases
                found.extend(
                    ".".join([f"{base.__module__}.{base.__qualname__}", *rest])
                    for base in obj.__mro__[1:]
                    if rest[0] in vars(base)
                )
            break
    # the annotation types of waterbeleid._types stand for pint.Quantity (Moment: a date)
    if target.rpartition(".")[2] == "Moment":
        found.append("datetime.date")
    elif target.startswith("waterbeleid._types.") or target in _QUANTITY_ANNOTATIONS:
        found.append("pint.Quantity")
    return list(dict.fromkeys(found))


def _resolve_reexport(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    from sphinx.ext.intersphinx import missing_reference

    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "").lstrip(".~")
    module = node.get("py:module")
    klass = node.get("py:class")
    context = [c for c in (f"{module}.{klass}" if module and klass else None, module) if c]
    domain = env.get_domain("py")
    for name in _candidates(target, context):
        if name == target:
            continue
        if name.startswith("waterbeleid"):
            if name not in domain.objects:
                continue
            found = domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], name, node, contnode
            )
        else:
            elsewhere = node.deepcopy()
            elsewhere["reftarget"] = name
            found = missing_reference(app, env, elsewhere, contnode)
        if found is not None:
            return found
    return None


# -- Attribute docstrings ------------------------------------------------------------------
#
# For attributes, module data and properties, napoleon reads a first line "Word: text" as
# "type: description" ("Seed 003: an AMvB amendment takes two years." would get the type
# "Seed 003"). waterbeleid gives types as annotations, never in docstrings, so these
# docstrings are passed through as written.

_ATTRIBUTE_KINDS = {"attribute", "data", "property"}
_as_written: dict[str, list[str]] = {}


def _keep_attribute_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what in _ATTRIBUTE_KINDS:
        _as_written[name] = list(lines)


def _restore_attribute_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what in _ATTRIBUTE_KINDS and name in _as_written:
        lines[:] = _as_written.pop(name)


def setup(app: Any) -> dict[str, Any]:
    app.connect("missing-reference", _resolve_reexport, priority=400)
    app.connect("autodoc-process-docstring", _keep_attribute_docstring, priority=100)
    app.connect("autodoc-process-docstring", _restore_attribute_docstring, priority=900)
    return {"parallel_read_safe": True}
