"""The web-app example answers a form and a JSON body in-process, with a fake WSGI environ."""

from __future__ import annotations

import io
import json
import runpy
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import jsonschema
import pytest

import waterbeleid as wb
from waterbeleid.validation.schema import json_schema

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "webapp.py"
APP = runpy.run_path(str(EXAMPLE))["application"]

FORM = {
    "origin": "bronnering",
    "receiver": "vuilwaterriool",
    "flow": "4 m3/h",
    "duration": "3 weken",
    "suspended_solids": "120 mg/l",
    "iron": "",
    "start": "2021-03-01",
}


def call(
    body: bytes | str,
    *,
    kind: str = "application/x-www-form-urlencoded",
    method: str = "POST",
    path: str = "/assess",
    query: str = "",
    length: str | None = None,
) -> tuple[int, dict[str, str], Any]:
    data = body.encode("utf-8") if isinstance(body, str) else body
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": kind,
        "CONTENT_LENGTH": str(len(data)) if length is None else length,
        "wsgi.input": io.BytesIO(data),
    }
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    chunks = APP(environ, start_response)
    raw = b"".join(chunks)
    assert answer["headers"]["Content-Length"] == str(len(raw))
    return int(answer["status"].split()[0]), answer["headers"], json.loads(raw)


def test_a_form_gets_the_verdict_as_valid_json() -> None:
    status, headers, data = call(urlencode(FORM))
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert data == wb.assess(wb.DischargeActivity.from_mapping(FORM)).to_dict()
    assert (data["verdict"], data["authority"], data["levy_registration"]) == (
        "allowed",
        "municipality",
        True,
    )
    check = jsonschema.Draft202012Validator(json_schema("assessment"))
    assert list(check.iter_errors(data)) == []


def test_a_json_body_in_dutch() -> None:
    status, _, data = call(json.dumps(FORM), kind="application/json", query="lang=nl")
    assert status == 200
    assert data["language"] == "nl"
    assert data["alternatives"][0]["text"] == "bodem: toegestaan"


def test_every_bad_field_in_one_answer() -> None:
    bad = {**FORM, "flow": "12 kuub", "start": "2021-13-01", "visual_pollution": "misschien"}
    status, _, data = call(urlencode(bad))
    assert status == 422
    assert [e["path"] for e in data["errors"]] == ["$.flow", "$.visual_pollution", "$.start"]
    assert "kuub" in data["errors"][0]["message"]


@pytest.mark.parametrize(
    ("request_args", "status"),
    [
        ({"body": "", "method": "GET"}, 405),
        ({"body": "", "path": "/"}, 404),
        ({"body": "{}", "kind": "text/plain"}, 415),
        ({"body": b"\xff\xfe", "kind": "application/json"}, 400),
        ({"body": "{not json", "kind": "application/json"}, 400),
        ({"body": "[1, 2]", "kind": "application/json"}, 422),
        ({"body": "", "query": "lang=fr"}, 400),
        ({"body": "", "length": "999999999"}, 413),
        ({"body": "", "length": "many"}, 413),
    ],
)
def test_bad_requests_get_an_error_not_a_traceback(
    request_args: dict[str, Any], status: int
) -> None:
    found, _, data = call(**request_args)
    assert found == status
    assert data["errors"][0]["message"]
