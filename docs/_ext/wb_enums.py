"""Show every member of waterbeleid's enums with its Dutch label and accepted spellings.

The members of a :class:`~waterbeleid._enum.LabelledEnum` carry their Dutch label and
aliases in code, not in docstrings. This extension adds them to the reference: a member
that has a docstring gets a line with its label; a member without one is documented
from its label and aliases, so every member is listed and can be linked to.
"""

from __future__ import annotations

import pydoc
from typing import Any

from sphinx.pycode import ModuleAnalyzer

from waterbeleid._enum import LabelledEnum


def _label_line(member: LabelledEnum) -> str:
    line = f"Dutch: *{member.label_nl}*"
    if member.aliases:
        line += "; also accepted: " + ", ".join(f"*{a}*" for a in member.aliases)
    return line + "."


def _documented(cls: type) -> set[str]:
    """The members that have a docstring of their own (autodoc lists those itself)."""
    try:
        docs = ModuleAnalyzer.for_module(cls.__module__).find_attr_docs()
    except Exception:
        return set()
    return {name for (owner, name) in docs if owner == cls.__qualname__}


def _add_members(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    if what == "attribute":
        owner_path, _, member_name = name.rpartition(".")
        owner = pydoc.locate(owner_path)
        if isinstance(owner, type) and issubclass(owner, LabelledEnum):
            member = getattr(owner, member_name, None)
            if isinstance(member, LabelledEnum):
                lines.extend(["", _label_line(member)])
        return
    if what != "class" or not isinstance(obj, type) or not issubclass(obj, LabelledEnum):
        return
    if obj is LabelledEnum:
        return
    documented = _documented(obj)
    for member in obj:
        if member.name in documented:
            continue
        lines.extend(
            [
                "",
                f".. attribute:: {member.name}",
                f"   :value: {member.value!r}",
                "",
                f"   {_label_line(member)}",
            ]
        )


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _add_members, priority=950)
    return {"parallel_read_safe": True}
