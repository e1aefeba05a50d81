"""The JSON API and the page of `framing serve`, through Starlette's test client (no browser)."""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

import jsonschema
import pytest
from starlette.routing import Mount, Route

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that a newer client package exists
    from starlette.testclient import TestClient

from framing.web.app import create_app
from framing.web.guards import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).parent.parent
PROPOSAL = (ROOT / "examples" / "proposal.md").read_text(encoding="utf-8")
LIMIT = 50_000

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def app():
    return create_app(max_bytes=LIMIT)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def openapi(client):
    return client.get("/openapi.json").json()


def schema_of(openapi, name):
    """Return component ``name`` as a JSON schema whose $refs resolve inside the OpenAPI document."""
    return {**openapi["components"]["schemas"][name], "components": openapi["components"]}


def test_lint_gives_one_object_per_occurrence_with_its_readers(client, openapi):
    response = client.post("/api/lint", json={"text": PROPOSAL, "audience": ["de", "it"], "input_format": "markdown"})
    assert response.status_code == 200
    body = response.json()
    jsonschema.validate(body, schema_of(openapi, "LintResponse"))
    spans = [(f["start"], f["end"]) for f in body["findings"]]
    assert spans == sorted(set(spans)), "one object per occurrence, in text order"
    for finding in body["findings"]:
        assert PROPOSAL[finding["start"] : finding["end"]] == finding["text"]
    leader = next(f for f in body["findings"] if f["text"] == "leaders")
    locales = [r["locale"] for r in leader["readers"]]
    assert locales[0] == "en" and leader["readers"][0]["own"] and "de" in locales
    assert leader["safe_alternatives"], "the proposal's leaders have a safe rewording"


def test_lint_accepts_the_audience_as_one_comma_separated_string(client):
    listed = client.post("/api/lint", json={"text": "Our leaders meet.", "audience": ["de", "it"]}).json()
    joined = client.post("/api/lint", json={"text": "Our leaders meet.", "audience": "de, it"}).json()
    assert listed == joined


def test_fix_applies_every_safe_rewording_as_fix_does(client, openapi):
    import framing

    text = "Ask a guru! Our leaders meet."
    response = client.post("/api/fix", json={"text": text, "audience": ["de"]})
    assert response.status_code == 200
    jsonschema.validate(response.json(), schema_of(openapi, "FixResponse"))
    expected, edits = framing.fix(text, audience=["de"])
    assert response.json()["text"] == expected
    assert [e["new"] for e in response.json()["edits"]] == [e.new for e in edits]


@pytest.mark.parametrize(
    ("text", "span", "choice", "expected"),
    [
        ("Ask a guru! Our leaders meet.", "leaders", "coordinators", "Ask a guru! Our coordinators meet."),
        ("We need a leader now.", "leader", "an organizer", "We need an organizer now."),
        ("OUR LEADERS MEET.", "LEADERS", "COORDINATORS", "OUR COORDINATORS MEET."),
        ("Our leaders meet.", "leaders", "take on responsibility", "Our take on responsibility meet."),
    ],
)
def test_fix_rewrites_one_occurrence_with_the_fitted_form(client, text, span, choice, expected):
    found = client.post("/api/lint", json={"text": text}).json()["findings"]
    finding = next(f for f in found if f["text"] == span)
    assert choice in finding["alternatives"]
    occurrence = {"start": finding["start"], "end": finding["end"], "alternative": choice}
    response = client.post("/api/fix", json={"text": text, "occurrence": occurrence})
    assert response.status_code == 200, response.text
    assert response.json()["text"] == expected
    assert len(response.json()["edits"]) == 1


def test_fix_refuses_an_occurrence_that_is_not_there_or_an_alternative_that_is_not_offered(client):
    text = "Our leaders meet."
    missing = client.post("/api/fix", json={"text": text, "occurrence": {"start": 0, "end": 3, "alternative": "x"}})
    assert missing.status_code == 400 and "no finding" in missing.json()["error"]
    other = client.post("/api/fix", json={"text": text, "occurrence": {"start": 4, "end": 11, "alternative": "overlords"}})
    assert other.status_code == 400 and "overlords" in other.json()["error"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "malformed JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"locale": "en"}', "'text' is required"),
        (b'{"text": "x", "locale": "xx"}', "'xx'"),
        (b'{"text": "x", "audience": ["de", "qq-ZZ"]}', "'qq-ZZ'"),
        (b'{"text": "x", "audience": [1]}', "list of locale codes"),
        (b'{"text": "x", "input_format": "docx"}', "'docx'"),
        (b'{"text": "x", "input_format": "mo"}', "'mo'"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_bad_input_is_a_400_with_a_message_naming_the_problem(client, body, message):
    for path in ("/api/lint", "/api/fix"):
        response = client.post(path, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert message in response.json()["error"]
    assert client.get("/healthz").status_code == 200, "the server keeps running"


def _scope(headers):
    return {
        "type": "http", "method": "POST", "path": "/api/lint", "raw_path": b"/api/lint", "query_string": b"",
        "headers": [*headers, (b"content-type", b"application/json")], "root_path": "", "scheme": "http",
        "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "http_version": "1.1",
    }


def _call(app, scope, chunks, size):
    """Run ``app`` on a body of ``chunks`` pieces of ``size`` bytes; return the messages sent and the pieces read."""
    import asyncio

    read = []
    sent = []

    async def receive():
        read.append(1)
        return {"type": "http.request", "body": b"x" * size, "more_body": len(read) < chunks}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent, len(read)


def test_a_body_over_the_limit_is_refused_by_its_content_length_before_it_is_read(app):
    sent, read = _call(app, _scope([(b"content-length", str(LIMIT + 1).encode())]), chunks=1, size=LIMIT + 1)
    assert sent[0]["status"] == 413
    assert read == 0, "nothing of the body was read"
    assert dict(sent[0]["headers"])[b"content-security-policy"] == CONTENT_SECURITY_POLICY.encode()
    assert b"limit" in sent[1]["body"]


def test_a_streamed_body_over_the_limit_is_refused_while_it_streams(app):
    sent, read = _call(app, _scope([]), chunks=1000, size=1000)  # 1 MB, chunked, no Content-Length
    assert sent[0]["status"] == 413
    assert b"limit" in sent[1]["body"]
    assert read == LIMIT // 1000 + 1, "reading stopped at the chunk that passed the limit"


def test_a_body_within_the_limit_is_read_whole(app):
    sent, read = _call(app, _scope([]), chunks=3, size=10)
    assert sent[0]["status"] == 400 and read == 3  # 30 bytes of "x": read whole, then malformed JSON


def test_upload_returns_the_text_and_the_format_its_name_says(client, openapi):
    response = client.post("/api/upload?filename=draft.wiki", content="'''Our''' [[leaders]] meet.".encode("utf-16"))
    assert response.status_code == 200
    jsonschema.validate(response.json(), schema_of(openapi, "UploadResponse"))
    assert response.json() == {"filename": "draft.wiki", "text": "'''Our''' [[leaders]] meet.", "input_format": "wikitext"}


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_word_and_opendocument_uploads_come_back_as_their_text(client, kind):
    from office_files import Content, docx_bytes, odt_bytes

    content = Content(heading="Proposal", paragraphs=[["Our ", "leaders", " meet."], ["A war room helps."]])
    raw = docx_bytes(content) if kind == "docx" else odt_bytes(content)
    response = client.post(f"/api/upload?filename=draft.{kind}", content=raw)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["input_format"] == "text"
    assert body["text"].splitlines() == ["Proposal", "Our leaders meet.", "A war room helps."]
    found = client.post("/api/lint", json={"text": body["text"]}).json()["findings"]
    assert [f["text"] for f in found] == ["leaders", "war room"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Führer".encode("latin-1"), "UTF-8"),
        ("report.docx", b"PK\x03\x04", "report.docx"),
        ("catalog.mo", b"\xde\x12\x04\x95", "expected a file ending in"),
        ("", b"text", "expected a file ending in"),
    ],
)
def test_binary_undecodable_or_unknown_uploads_are_a_400(client, name, data, message):
    response = client.post(f"/api/upload?filename={name}", content=data)
    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/"), ("GET", "/healthz"), ("GET", "/static/view.js"), ("GET", "/nowhere"), ("POST", "/api/lint"),
     ("GET", "/api/concepts/none"), ("GET", "/openapi.json"), ("PUT", "/api/lint")],
)
def test_every_response_forbids_inline_script_and_sniffing(client, method, path):
    response = client.request(method, path, content=b"{}")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_locales_are_named_in_the_language_asked_for(client, openapi):
    body = client.get("/api/locales?lang=de").json()
    jsonschema.validate(body, schema_of(openapi, "Locales"))
    names = {entry["code"]: entry["name"] for entry in body["locales"]}
    assert names["de"] == "Deutsch" and names["it"] == "Italienisch"
    assert {"en", "de", "fr"} <= set(body["page_languages"])


def test_a_concept_is_explained_in_every_locale_and_an_unknown_one_is_a_404(client, openapi):
    body = client.get("/api/concepts/leader").json()
    jsonschema.validate(body, schema_of(openapi, "Concept"))
    assert body["id"] == "leader" and {"en", "de"} <= set(body["entries"])
    assert any(a["safe"] for a in body["entries"]["en"]["alternatives"])
    missing = client.get("/api/concepts/no-such-thing")
    assert missing.status_code == 404 and "no-such-thing" in missing.json()["error"]


def test_health(client, openapi):
    body = client.get("/healthz").json()
    jsonschema.validate(body, schema_of(openapi, "Health"))


def test_the_openapi_document_describes_exactly_the_api_routes(app, openapi):
    served = {route.path for route in app.routes if isinstance(route, Route) and route.path.startswith(("/api", "/healthz"))}
    assert set(openapi["paths"]) == served
    for route in app.routes:
        if isinstance(route, Route) and route.path in openapi["paths"]:
            documented = {method.upper() for method in openapi["paths"][route.path]}
            assert documented == set(route.methods) - {"HEAD"}
    assert not [r for r in app.routes if isinstance(r, Mount) and r.path.startswith("/api")]
    assert openapi["openapi"].startswith("3.1")


def test_the_page_speaks_the_language_of_accept_language_or_the_selector(client):
    german = client.get("/", headers={"Accept-Language": "fr;q=0.5, de-CH, en;q=0.3"})
    assert german.headers["content-language"] == "de"
    assert '<html lang="de">' in german.text and ">Prüfen</button>" in german.text
    chosen = client.get("/?lang=fr", headers={"Accept-Language": "de"})
    assert chosen.headers["content-language"] == "fr" and ">Vérifier</button>" in chosen.text
    fallback = client.get("/", headers={"Accept-Language": "tlh, *;q=0.1"})
    assert fallback.headers["content-language"] == "en" and ">Check</button>" in fallback.text


def test_the_page_has_a_labelled_text_area_landmarks_and_no_inline_script(client):
    page = client.get("/?locale=de&audience=it,fr").text
    assert '<label for="text">Text</label>' in page and '<textarea id="text"' in page
    for landmark in ("<header", "<main", "<footer"):
        assert landmark in page
    assert '<option value="de" selected>' in page
    assert 'value="it" checked' in page and 'value="fr" checked' in page
    scripts = page.split("<script")[1:]
    assert all('src="static/' in s.split(">", 1)[0] or 'type="application/json"' in s.split(">", 1)[0] for s in scripts)


def test_an_unknown_locale_in_the_address_is_a_400_naming_it(client):
    response = client.get('/?audience=de,"><script>')
    assert response.status_code == 400
    assert "<script>" in response.text and response.headers["content-type"].startswith("text/plain")


def test_the_text_is_never_logged(client, caplog):
    secret = "Our leaders meet at the secret-marker-4711 place."
    with caplog.at_level(logging.DEBUG):
        client.post("/api/lint", json={"text": secret, "audience": ["de"]})
        client.post("/api/fix", json={"text": secret})
        client.post("/api/lint", json={"text": secret, "locale": "xx"})
    assert "secret-marker-4711" not in caplog.text


def test_the_static_script_never_inserts_html():
    folder = ROOT / "framing" / "view" / "static"
    for script in folder.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, f"{script.name} uses {sink}"


def test_json_data_in_the_page_cannot_close_its_element():
    from framing.view.page import script_data

    hostile = {"text": "</script><script>alert(1)</script><!-- & \u2028"}
    embedded = script_data(hostile)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == hostile
