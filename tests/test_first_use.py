"""What importing the package and the first use of a catalogue load, and what they leave."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import waterbeleid as wb
from waterbeleid import catalogue


def modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running *code*."""
    probe = f"{code}\nimport sys; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_loads_no_library() -> None:
    loaded = modules_after("import waterbeleid")
    assert not loaded & {"attrs", "attr", "cattrs", "pint", "numpy", "yaml", "dateutil"}


def test_first_catalogue_use_needs_no_cattrs_pint_numpy_or_yaml() -> None:
    loaded = modules_after(
        "import waterbeleid as wb\nassert len(wb.catalogue.vito_action_plan().action_lines) == 59"
    )
    assert "attrs" in loaded
    assert not loaded & {"cattrs", "pint", "numpy", "yaml", "pandas", "dask"}


def test_bad_data_still_goes_through_the_converter() -> None:
    loaded = modules_after(
        "import waterbeleid as wb\n"
        "try:\n"
        "    wb.structure({'code': 'KP 1.1'}, wb.ActionLine)\n"
        "except wb.StructureError as exc:\n"
        "    assert '$.goal: required field missing' in exc.messages, exc.messages"
    )
    assert "cattrs" in loaded


def test_first_use_from_many_threads_at_once() -> None:
    code = """
import threading, waterbeleid as wb
from waterbeleid.serialize import structure
data = wb.catalogue.raw("vito_action_plan")
results, errors = [], []
def work():
    try:
        results.append(structure(data, wb.ActionPlan))
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
assert not errors, errors
assert len(results) == 8 and all(r == results[0] for r in results)
assert len(results[0].action_lines) == 59
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_resolves() -> None:
    code = (
        "import waterbeleid as wb\n"
        "missing = [n for n in wb.__all__ if getattr(wb, n, None) is None]\n"
        "assert not missing, missing\n"
        "assert set(wb.__all__) <= set(dir(wb))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert wb.catalogue is catalogue
    assert callable(wb.assess)  # the function, not the module of that name


def test_the_imports_for_type_checkers_name_every_public_name() -> None:
    assert set(wb._homes()) | {"__version__"} == set(wb.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Flow'"):
        wb.Flow  # noqa: B018


# -- the JSON twins of the packaged YAML files ------------------------------------------------

DATA = Path(catalogue.__file__).parent / "data"


@pytest.mark.parametrize("name", catalogue.NAMES)
def test_twins_are_current(name: str) -> None:
    filename = catalogue._FILES[name][0]
    twin = DATA / catalogue._twin_name(filename)
    assert twin.read_text(encoding="utf-8") == catalogue._twin_text(name), (
        f"{twin.name} is stale; after editing {filename}, run: "
        'python -c "from waterbeleid import catalogue; catalogue._write_twins()"'
    )


def test_a_stale_or_missing_twin_gives_way_to_the_yaml_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = catalogue._read
    edited = read("vito_action_plan.yaml").replace(
        b'title: "Actieplan VITO Kennispunt Water"', b'title: "Het actieplan"'
    )
    monkeypatch.setattr(
        catalogue, "_read", lambda f: edited if f == "vito_action_plan.yaml" else read(f)
    )
    assert catalogue.raw("vito_action_plan")["source"]["title"] == "Het actieplan"

    def no_twin(filename: str) -> bytes:
        if filename.endswith(".json"):
            raise FileNotFoundError(filename)
        return read(filename)

    monkeypatch.setattr(catalogue, "_read", no_twin)
    assert catalogue.raw("spw_work_tables") == json.loads(read("spw_work_tables.json"))["data"]
