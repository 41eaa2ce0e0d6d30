"""A permit check as a small web service: a form or a JSON body in, the verdict as JSON out.

No framework: the standard library's WSGI (``wsgiref``). ``POST /assess`` takes the fields
of a discharge as a web form (``application/x-www-form-urlencoded``) or as a JSON object
(``application/json``) and answers with ``Assessment.to_dict()`` (described by
``waterbeleid schema assessment``); ``?lang=nl`` writes its texts in Dutch. Bad input gets
one answer, status 422, that lists every bad field with its path and message.

Run it, then try it::

    python examples/webapp.py
    curl -d origin=bronnering -d receiver=vuilwaterriool -d flow="4 m3/h" \\
         -d duration="3 weken" -d suspended_solids="120 mg/l" -d start=2021-03-01 \\
         "http://127.0.0.1:8000/assess?lang=nl"

Put it behind a WSGI server of your choice (gunicorn, waitress, mod_wsgi) for real use.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import waterbeleid as wb

#: The largest body read, in bytes: a discharge is a dozen short fields.
MAX_BODY = 64 * 1024

_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
}


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The WSGI application."""
    if environ.get("PATH_INFO", "/") != "/assess":
        return _answer(start_response, 404, _error("$", "expected POST /assess"))
    if environ.get("REQUEST_METHOD") != "POST":
        return _answer(
            start_response,
            405,
            _error("$", "expected POST with the fields of a discharge"),
            [("Allow", "POST")],
        )
    language = parse_qs(environ.get("QUERY_STRING", "")).get("lang", ["en"])[-1]
    if language not in ("en", "nl"):
        return _answer(start_response, 400, _error("$.lang", "expected en or nl"))
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 <= length <= MAX_BODY:
        return _answer(
            start_response, 413, _error("$", f"expected a body of at most {MAX_BODY} bytes")
        )
    body = environ["wsgi.input"].read(length)
    kind = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
    try:
        fields = _fields(body, kind)
    except (UnicodeDecodeError, ValueError) as exc:
        return _answer(start_response, 400, _error("$", f"expected UTF-8 {kind}: {exc}"))
    if fields is None:
        return _answer(
            start_response,
            415,
            _error("$", "expected application/x-www-form-urlencoded or application/json"),
        )
    try:
        activity = wb.DischargeActivity.from_mapping(fields)
    except wb.StructureError as exc:  # every bad field at once
        errors = [{"path": path, "message": message} for path, message in exc.problems]
        return _answer(start_response, 422, {"errors": errors})
    return _answer(start_response, 200, wb.assess(activity).to_dict(language=language))


def _fields(body: bytes, kind: str) -> Any:
    """The fields of a form or a JSON body (``None`` for another content type)."""
    if kind == "application/json":
        return json.loads(body.decode("utf-8"))  # not a mapping: from_mapping says so
    if kind == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        return {name: values[-1] for name, values in form.items()}
    return None


def _error(path: str, message: str) -> dict[str, Any]:
    return {"errors": [{"path": path, "message": message}]}


def _answer(
    start_response: Callable[..., Any],
    status: int,
    data: dict[str, Any],
    headers: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    body = json.dumps(data, indent=2).encode("ascii")  # to_dict() is JSON-ready
    start_response(
        f"{status} {_REASONS[status]}",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            *(headers or []),
        ],
    )
    return [body]


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    with make_server("127.0.0.1", 8000, application) as server:
        print("POST the fields of a discharge to http://127.0.0.1:8000/assess (Ctrl-C stops)")
        server.serve_forever()
