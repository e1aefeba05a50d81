"""The OpenAPI 3.1 description of the JSON API, written by hand (``GET /openapi.json``).

Tests check it against the routes the application has and the responses it gives.
"""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(ref: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": ref}}}}


_BAD_REQUEST = _json(_ERROR, "Malformed JSON, a missing or mistyped field, an unknown locale (named) or input format")
_TOO_LARGE = _json(_ERROR, "The body is larger than the server's limit (--max-bytes)")

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "What is wrong, in one sentence."}},
    },
    "CheckRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "description": "The text to check; never stored or logged."},
            "locale": {"type": "string", "default": "en", "description": "The language the text is written in."},
            "audience": {
                "description": "The readers' locales: a list, or one comma-separated string.",
                "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
                "default": [],
            },
            "input_format": {
                "type": "string",
                "enum": ["text", "markdown", "rst", "html", "wikitext", "po"],
                "default": "text",
                "description": "How to read the text: only its prose is checked.",
            },
        },
    },
    "FixRequest": {
        "allOf": [
            {"$ref": "#/components/schemas/CheckRequest"},
            {
                "type": "object",
                "properties": {
                    "occurrence": {
                        "type": "object",
                        "description": "Rewrite only this occurrence with this alternative (without it: every safe rewording).",
                        "required": ["start", "end", "alternative"],
                        "properties": {
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0},
                            "alternative": {"type": "string"},
                        },
                    }
                },
            },
        ]
    },
    "Reader": {
        "type": "object",
        "required": ["locale", "severity", "note", "message", "sources", "own"],
        "properties": {
            "locale": {"type": "string"},
            "severity": {"$ref": "#/components/schemas/Severity"},
            "note": {"type": "string"},
            "message": {"type": "string"},
            "sources": {"type": "array", "items": {"type": "string"}},
            "own": {"type": "boolean", "description": "The concern of the writer's own language."},
            "name": {"type": "string"},
        },
    },
    "Severity": {"type": "string", "enum": ["suggestion", "warning", "error"]},
    "Finding": {
        "type": "object",
        "description": "One occurrence, as `framing lint --format json` (version 2) gives it.",
        "required": [
            "line", "column", "end_line", "end_column", "start", "end", "text", "concept", "severity", "message",
            "alternatives", "safe_alternatives", "readers",
        ],
        "properties": {
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1},
            "end_column": {"type": "integer", "minimum": 1},
            "start": {"type": "integer", "minimum": 0, "description": "Offset of the first character (code points)."},
            "end": {"type": "integer", "minimum": 0},
            "text": {"type": "string"},
            "concept": {"type": "string"},
            "category": {"type": "string"},
            "term": {"type": "string"},
            "term_locale": {"type": "string"},
            "severity": {"$ref": "#/components/schemas/Severity"},
            "message": {"type": "string"},
            "alternatives": {"type": "array", "items": {"type": "string"}},
            "safe_alternatives": {"type": "array", "items": {"type": "string"}},
            "readers": {"type": "array", "items": {"$ref": "#/components/schemas/Reader"}},
        },
    },
    "LintResponse": {
        "type": "object",
        "required": ["version", "findings"],
        "properties": {
            "version": {"type": "integer", "const": 2},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        },
    },
    "Edit": {
        "type": "object",
        "required": ["start", "end", "old", "new", "concept", "alternative"],
        "properties": {
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "old": {"type": "string"},
            "new": {"type": "string"},
            "concept": {"type": "string"},
            "alternative": {"type": "string"},
        },
    },
    "FixResponse": {
        "type": "object",
        "required": ["text", "edits"],
        "properties": {"text": {"type": "string"}, "edits": {"type": "array", "items": {"$ref": "#/components/schemas/Edit"}}},
    },
    "UploadResponse": {
        "type": "object",
        "required": ["filename", "text", "input_format"],
        "properties": {"filename": {"type": "string"}, "text": {"type": "string"}, "input_format": {"type": "string"}},
    },
    "Locales": {
        "type": "object",
        "required": ["locales", "page_languages"],
        "properties": {
            "locales": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "name", "endonym"],
                    "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "endonym": {"type": "string"}},
                },
            },
            "page_languages": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Concept": {
        "type": "object",
        "required": ["id", "category", "severity", "sources", "entries"],
        "properties": {
            "id": {"type": "string"},
            "category": {"type": "string"},
            "severity": {"$ref": "#/components/schemas/Severity"},
            "sources": {"type": "array", "items": {"type": "string"}},
            "entries": {"type": "object", "additionalProperties": {"type": "object"}},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "version"],
        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
    },
}


def document(version: str, root_path: str = "") -> dict[str, Any]:
    """Return the OpenAPI document of the API of framing ``version``, served under ``root_path``."""
    ref = "#/components/schemas/"
    return {
        "openapi": "3.1.0",
        "servers": [{"url": root_path or "/"}],
        "info": {
            "title": "framing",
            "version": version,
            "description": "Find culturally loaded terms in a text, explain them for each audience, and rewrite them.",
        },
        "paths": {
            "/api/lint": {
                "post": {
                    "summary": "The findings of a text, one per occurrence",
                    "requestBody": _body(ref + "CheckRequest"),
                    "responses": {
                        "200": _json({"$ref": ref + "LintResponse"}, "The findings, in text order"),
                        "400": _BAD_REQUEST,
                        "413": _TOO_LARGE,
                    },
                }
            },
            "/api/fix": {
                "post": {
                    "summary": "Apply every safe rewording (as --fix), or rewrite one occurrence with a chosen alternative",
                    "requestBody": _body(ref + "FixRequest"),
                    "responses": {
                        "200": _json({"$ref": ref + "FixResponse"}, "The new text and the edits (offsets into the old one)"),
                        "400": _BAD_REQUEST,
                        "413": _TOO_LARGE,
                    },
                }
            },
            "/api/upload": {
                "post": {
                    "summary": (
                        "Read an uploaded file (.txt, .md, .rst, .wiki, .html, .po, .docx, .odt): its text and its input format "
                        "(Word and OpenDocument files as their text, one line per paragraph)"
                    ),
                    "parameters": [{"name": "filename", "in": "query", "required": True, "schema": {"type": "string"}}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    "responses": {
                        "200": _json({"$ref": ref + "UploadResponse"}, "The file's text"),
                        "400": _json(_ERROR, "An unknown file type, a binary file or one that is not UTF-8 or UTF-16"),
                        "413": _TOO_LARGE,
                    },
                }
            },
            "/api/locales": {
                "get": {
                    "summary": "The supported locales, named in the language asked for",
                    "parameters": [{"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}}],
                    "responses": {"200": _json({"$ref": ref + "Locales"}, "The locales")},
                }
            },
            "/api/concepts/{concept}": {
                "get": {
                    "summary": "A concept in every locale that has it (as `framing explain`)",
                    "parameters": [{"name": "concept", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _json({"$ref": ref + "Concept"}, "The concept"),
                        "404": _json(_ERROR, "No such concept"),
                    },
                }
            },
            "/healthz": {"get": {"summary": "The server is up", "responses": {"200": _json({"$ref": ref + "Health"}, "Up")}}},
        },
        "components": {"schemas": SCHEMAS},
    }
