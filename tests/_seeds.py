"""The source documents that the packaged catalogues are read from, for the fidelity tests.

They are plain-text extractions kept outside the repository, in ``shared/seeds`` beside it
(``../shared/seeds`` seen from the repository root). ``WATERBELEID_SEEDS`` may name the
folder instead. Without them the fidelity tests fail, saying where they looked: they are
the only check of the packaged data against its documents.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: What the comparisons ignore: whitespace (the extraction broke lines and cells
#: anywhere) and hyphens and dashes (it dropped many: "NOVEXuitvraag", "20222027").
_IGNORED = re.compile(r"[\s\-\u00ad\u2010\u2011\u2013\u2014]+")
#: A running page header of the WBS calendar ("3   Aanpak vervolg") that the extraction put
#: in the middle of the text.
_PAGE_HEADER = re.compile(r"(?m)^\d {3}\S.*$")


def _candidates() -> list[Path]:
    found = [Path(os.environ["WATERBELEID_SEEDS"])] if os.environ.get("WATERBELEID_SEEDS") else []
    return found + [parent / "shared" / "seeds" for parent in (ROOT, *ROOT.parents)]


@functools.cache
def seeds_dir() -> Path:
    """The folder of the source documents."""
    for candidate in _candidates():
        if any(candidate.glob("003_*.txt")):
            return candidate
    looked = ", ".join(str(c) for c in _candidates()[:4])
    pytest.fail(
        "the source documents (000_*.txt ... 004_*.txt) were not found; looked in "
        f"{looked}; put shared/seeds beside the repository or set WATERBELEID_SEEDS",
        pytrace=False,
    )


@functools.cache
def text(number: str) -> str:
    """The text of document *number* (``"002"``)."""
    (path,) = seeds_dir().glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def squash(value: str) -> str:
    """*value* without whitespace, hyphens and dashes, for comparison with the documents."""
    return _IGNORED.sub("", value)


@functools.cache
def squashed(number: str) -> str:
    """Document *number* squashed, its running page headers removed."""
    return squash(_PAGE_HEADER.sub("", text(number)))


def document_name(number: str) -> str:
    """The file name of document *number*, as the catalogues' sources name it."""
    (path,) = seeds_dir().glob(f"{number}_*.txt")
    return path.name
