"""The Starlette application of ``framing serve``: the page, the JSON API, the static files.

Linting runs in Starlette's thread pool, so a long text does not hold up other
requests' I/O; the texts are never stored and never logged (only errors' messages are
returned, and they name locales and formats, not text).
"""

from __future__ import annotations

import json
import os
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import framing
from framing import documents, locales
from framing.errors import FramingError, InputError, LocaleError
from framing.explain import concept_data
from framing.readers import BINARY_FORMATS, FORMATS, OFFICE_FORMATS, format_for, office_reader
from framing.report.as_json import SCHEMA_VERSION
from framing.textcheck import Request as CheckRequest
from framing.textcheck import TextChecker, edits_object
from framing.view.occurrences import occurrence_objects
from framing.view.page import STATIC, language_names
from framing.web import openapi, pages
from framing.web.guards import DEFAULT_MAX_BYTES, BodyLimit, SecurityHeaders

#: The input formats a text sent as JSON can be in (binary formats are uploaded as files).
TEXT_FORMATS = tuple(name for name in FORMATS if name not in BINARY_FORMATS)
#: Environment variables that configure an app built by :func:`app_from_environment` (several workers).
ENV_MAX_BYTES = "FRAMING_MAX_BYTES"


class BadRequest(Exception):
    """A request the API refuses with 400 and a message."""


def create_app(*, max_bytes: int = DEFAULT_MAX_BYTES, checker: TextChecker | None = None) -> Starlette:
    """Return the application: the page at ``/``, the API under ``/api``, limits and security headers on every response."""
    api = Api(checker or TextChecker())
    routes = [
        Route("/", api.page, methods=["GET"]),
        Route("/healthz", api.health, methods=["GET"]),
        Route("/openapi.json", api.openapi, methods=["GET"]),
        Route("/api/lint", api.lint, methods=["POST"]),
        Route("/api/fix", api.fix, methods=["POST"]),
        Route("/api/upload", api.upload, methods=["POST"]),
        Route("/api/locales", api.locales, methods=["GET"]),
        Route("/api/concepts/{concept}", api.concept, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(BodyLimit, max_bytes=max_bytes)],
        exception_handlers={HTTPException: _http_error, BadRequest: _bad_request, FramingError: _bad_request},
    )


def app_from_environment() -> Starlette:
    """Return the application configured from the environment (``FRAMING_MAX_BYTES``): the factory for uvicorn workers."""
    return create_app(max_bytes=int(os.environ.get(ENV_MAX_BYTES, DEFAULT_MAX_BYTES)))


class Api:
    """The endpoints, sharing one :class:`TextChecker` (its linters are built once per locale and audience)."""

    def __init__(self, checker: TextChecker) -> None:
        self.checker = checker

    def locale_codes(self) -> list[str]:
        """Return every locale the page offers: the languages framing lints and the regional lexicons."""
        return sorted(set(locales.SUPPORTED_LANGUAGES) | set(self.checker.lexicon.locales()))

    async def page(self, request: Request) -> Response:
        """``GET /``: the page, in the language of ``?lang=`` or ``Accept-Language``, with the URL's settings."""
        query = request.query_params
        language = pages.negotiate(request.headers.get("accept-language", ""), query.get("lang"))
        try:
            locale = locales.parse_supported(query.get("locale") or "en")
            audience = tuple(locales.parse_supported(code) for code in _codes(query.get("audience", "")))
        except LocaleError as error:
            return PlainTextResponse(str(error), status_code=400)
        codes = await run_in_threadpool(self.locale_codes)
        codes = sorted({*codes, locale, *audience})
        body = pages.render(pages.PageSettings(language, locale, audience), codes)
        return HTMLResponse(body, headers={"Content-Language": language, "Vary": "Accept-Language"})

    async def health(self, request: Request) -> Response:
        """``GET /healthz``: the server is up."""
        return JSONResponse({"status": "ok", "version": framing.__version__})

    async def openapi(self, request: Request) -> Response:
        """``GET /openapi.json``: the API's OpenAPI description."""
        return JSONResponse(openapi.document(framing.__version__, request.scope.get("root_path", "")))

    async def lint(self, request: Request) -> Response:
        """``POST /api/lint``: the findings of a text, one object per occurrence."""
        wanted = _check_request(await _json_object(request))
        result = await run_in_threadpool(self.checker.check, wanted)
        found = occurrence_objects("", wanted.text, result.findings)
        return JSONResponse({"version": SCHEMA_VERSION, "findings": found})

    async def fix(self, request: Request) -> Response:
        """``POST /api/fix``: the text with every safe rewording applied, or one occurrence rewritten."""
        body = await _json_object(request)
        wanted = _check_request(body)
        occurrence = body.get("occurrence")
        if occurrence is None:
            text, edits = await run_in_threadpool(self.checker.fix, wanted)
        else:
            if not isinstance(occurrence, dict):
                raise BadRequest("'occurrence' must be an object with start, end and alternative")
            start, end, choice = occurrence.get("start"), occurrence.get("end"), occurrence.get("alternative")
            if not isinstance(start, int) or not isinstance(end, int) or not isinstance(choice, str):
                raise BadRequest("'occurrence' needs start and end (integers) and alternative (a string)")
            text, edits = await run_in_threadpool(self.checker.rewrite, wanted, start, end, choice)
        return JSONResponse({"text": text, "edits": edits_object(edits)})

    async def upload(self, request: Request) -> Response:
        """``POST /api/upload?filename=NAME``: the text of an uploaded file and the format its name says."""
        name = request.query_params.get("filename", "")
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix not in pages.UPLOAD_SUFFIXES:
            raise BadRequest(f"cannot open {name!r}: expected a file ending in {', '.join(pages.UPLOAD_SUFFIXES)}")
        raw = await request.body()
        input_format = format_for(name)
        if input_format in OFFICE_FORMATS:
            try:
                office = await run_in_threadpool(office_reader(input_format), raw)
            except InputError as error:
                raise BadRequest(f"cannot open {name!r}: {error.message}") from None
            # The page works on text: the document's paragraphs, one a line, read as plain text.
            return JSONResponse({"filename": name, "text": office.text, "input_format": "text"})
        try:
            document = documents.decode(raw, name)
        except InputError:
            raise BadRequest(
                f"cannot open {name!r}: it is not text in UTF-8 or UTF-16 (a binary file, or another encoding: save it as UTF-8)"
            ) from None
        return JSONResponse({"filename": name, "text": document.text, "input_format": input_format})

    async def locales(self, request: Request) -> Response:
        """``GET /api/locales?lang=de``: the locales framing supports, named in ``lang`` (default English)."""
        language = pages.negotiate("", request.query_params.get("lang"))
        codes = await run_in_threadpool(self.locale_codes)
        names = language_names(language, tuple(codes))
        found = [{"code": code, "name": names[code], "endonym": locales.display_name(code, code)} for code in codes]
        return JSONResponse({"locales": found, "page_languages": pages.page_languages()})

    async def concept(self, request: Request) -> Response:
        """``GET /api/concepts/{id}``: a concept in every locale that has it (as ``framing explain``)."""
        concept_id = request.path_params["concept"]
        lexicon = await run_in_threadpool(lambda: self.checker.lexicon)
        concept = lexicon.concepts.get(concept_id)
        if concept is None:
            return JSONResponse({"error": f"unknown concept {concept_id!r}"}, status_code=404)
        return JSONResponse(concept_data(concept))


async def _json_object(request: Request) -> dict[str, Any]:
    """Return the request's JSON object; malformed JSON or anything but an object is a :class:`BadRequest`."""
    raw = await request.body()
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("the request body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadRequest(f"malformed JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    return body


def _check_request(body: dict[str, Any]) -> CheckRequest:
    """Return what ``body`` asks to check; a missing text, a wrong type or an unknown locale or format is a BadRequest."""
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest("'text' is required and must be a string")
    locale = body.get("locale", "en")
    if not isinstance(locale, str):
        raise BadRequest("'locale' must be a string")
    audience = body.get("audience", [])
    if isinstance(audience, str):
        audience = _codes(audience)
    if not isinstance(audience, list) or not all(isinstance(code, str) for code in audience):
        raise BadRequest("'audience' must be a list of locale codes")
    input_format = body.get("input_format", "text")
    if input_format not in TEXT_FORMATS:
        raise BadRequest(f"unknown input format {input_format!r}; expected one of {', '.join(TEXT_FORMATS)}")
    for code in (locale, *audience):
        locales.parse_supported(code)  # LocaleError names the code: 400
    return CheckRequest(text, locale, tuple(audience), input_format)


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


async def _bad_request(request: Request, error: Exception) -> Response:
    message = error.message if isinstance(error, FramingError) else str(error)
    return JSONResponse({"error": message}, status_code=400)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers)
