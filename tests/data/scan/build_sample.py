"""Write the sample dumps of tests/data/scan from the page histories below.

The wiki ("Example Community Wiki") and its pages are made up for these tests and for
docs/scanning.md; the texts were written for `framing` (MIT, like the rest of this
repository) in the style of grant proposals and community pages. They are not taken
from Meta-Wiki or any other wiki. Run from the repository root after changing them:

    python3 tests/data/scan/build_sample.py
"""

from __future__ import annotations

import bz2
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent

NAMESPACES = {0: "", 1: "Talk", 2: "User", 4: "Project", 200: "Grants", 201: "Grants talk"}

# page id, namespace, title, [(revision id, timestamp, wikitext), ...] oldest first
EN_PAGES = [
    (
        101,
        200,
        "Grants:Project/Library outreach",
        [
            (
                1001,
                "2016-03-02T09:14:00Z",
                "== Project idea ==\n"
                "Our project leader will train volunteers in three public libraries."
                "<ref>See the [[Project:Library list|list of libraries]].</ref>\n"
                "\n"
                "== Budget ==\n"
                "* 200 man-hours of training\n"
                "* Printing: {{Currency|400|EUR}}\n",
            ),
            (
                1002,
                "2017-01-20T16:40:00Z",
                "== Project idea ==\n"
                "Our project leader will train volunteers in three public libraries."
                "<ref>See the [[Project:Library list|list of libraries]].</ref>\n"
                "The team leader keeps a blacklist of sources that spread rumours.\n"
                "\n"
                "== Budget ==\n"
                "* 200 man-hours of training\n"
                "* Printing: {{Currency|400|EUR}}\n",
            ),
            (
                1003,
                "2021-06-11T08:05:00Z",
                "== Project idea ==\n"
                "Our coordinators will train volunteers in three public libraries."
                "<ref>See the [[Project:Library list|list of libraries]].</ref>\n"
                "The team keeps a blocklist of sources that spread rumours.\n"
                "\n"
                "== Budget ==\n"
                "* 200 person-hours of training\n"
                "* Printing: {{Currency|400|EUR}}\n",
            ),
        ],
    ),
    (
        102,
        200,
        "Grants:Project/Photo marathon",
        [
            (
                1011,
                "2018-04-03T12:00:00Z",
                "'''Photo marathon''' is a weekend event for new photographers.\n"
                "\n"
                "We will set up a war room in the community centre and attack the backlog of unillustrated articles.\n"
                "The plan is a no-brainer: low-hanging fruit first, then the hard cases.\n"
                "<!-- framing-ignore leader -->\n"
                "The event leader is named on the talk page.\n",
            ),
            (
                1012,
                "2019-09-14T10:30:00Z",
                "'''Photo marathon''' is a weekend event for new photographers.\n"
                "\n"
                "We will set up a coordination room in the community centre and work through the backlog of "
                "unillustrated articles.\n"
                "The plan is simple: easy pictures first, then the hard cases.\n"
                "<!-- framing-ignore leader -->\n"
                "The event leader is named on the talk page.\n",
            ),
        ],
    ),
    (
        103,
        201,
        "Grants talk:Project/Photo marathon",
        [
            (
                1021,
                "2018-04-05T18:22:00Z",
                "This sounds crazy ambitious for one weekend. Who is the leader of the photo walks? ~~~~\n"
                ":The walks have no single leader; each group decides its route. --[[User:Ana|Ana]]\n",
            ),
        ],
    ),
    (
        104,
        0,
        "Main Page",
        [
            (
                1031,
                "2015-11-30T07:00:00Z",
                "Welcome to the '''Example Community Wiki'''. Start with the [[Project:Help|help pages]].\n",
            ),
            (
                1032,
                "2020-02-02T07:00:00Z",
                "Welcome to the '''Example Community Wiki'''. Start with the [[Project:Help|help pages]].\n"
                "{{Notice|text=Every chairman of a local chapter is invited to the annual meeting.}}\n",
            ),
        ],
    ),
    (
        105,
        4,
        "Project:Style guide",
        [
            (
                1041,
                "2017-07-07T11:11:00Z",
                "== Words ==\n"
                "Write ''allowlist'' and ''denylist'', not whitelist and blacklist.\n"
                "Configuration uses <code>master</code> and <code>slave</code> only where the software names them so.\n"
                "A quick sanity check before publishing catches most mistakes.\n",
            ),
        ],
    ),
    (
        106,
        2,
        "User:Ana",
        [
            (
                1051,
                "2019-03-03T03:03:00Z",
                "I edit articles about rivers and lead the photo walks. Not a guru, just curious.\n",
            ),
        ],
    ),
    (
        107,
        200,
        "Grants:Project/Translation sprint",
        [
            (
                1061,
                "2022-10-10T10:10:00Z",
                "{{Infobox grant|status=proposed|leader=Ana}}\n"
                "The sprint has one goal: every help page in five languages by spring.\n"
                "Mankind's knowledge belongs to everyone, so the glossary stays free.\n"
                "Volunteers from the ghetto of small wikis are especially welcome.\n",
            ),
            (
                1062,
                "2023-01-15T09:00:00Z",
                "{{Infobox grant|status=funded|leader=Ana}}\n"
                "The sprint has one goal: every help page in five languages by spring.\n"
                "Humanity's knowledge belongs to everyone, so the glossary stays free.\n"
                "Volunteers from small wikis are especially welcome.\n",
            ),
        ],
    ),
    (
        108,
        1,
        "Talk:Main Page",
        [
            (
                1071,
                "2020-02-03T08:00:00Z",
                "Could the notice say ''chairperson''? Chairman reads as if only men lead chapters. ~~~~\n",
            ),
        ],
    ),
]

DE_PAGES = [
    (
        201,
        0,
        "Hauptseite",
        [
            (
                2001,
                "2016-05-05T10:00:00Z",
                "Willkommen im '''Beispielwiki'''. Der Projektführer stellt sich auf der [[Projekt:Team|Teamseite]] vor.\n",
            ),
            (
                2002,
                "2022-05-05T10:00:00Z",
                "Willkommen im '''Beispielwiki'''. Die Projektleitung stellt sich auf der [[Projekt:Team|Teamseite]] vor.\n",
            ),
        ],
    ),
    (
        202,
        4,
        "Projekt:Schreibregeln",
        [
            (
                2011,
                "2019-08-08T08:00:00Z",
                "Für Artikel gilt: keine schwarze Liste von Quellen, sondern eine begründete Sperrliste.\n",
            ),
        ],
    ),
]


def render(name: str, dbname: str, language: str, namespaces: dict[int, str], pages: list) -> str:
    """Return the XML export dump of ``pages``, in the shape MediaWiki's Special:Export and the dumps write."""
    out = [
        f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" '
        f'version="0.11" xml:lang="{language}">',
        "  <siteinfo>",
        f"    <sitename>{escape(name)}</sitename>",
        f"    <dbname>{dbname}</dbname>",
        f"    <base>https://{dbname}.example.org/wiki/Main_Page</base>",
        "    <generator>MediaWiki 1.42.0</generator>",
        "    <case>first-letter</case>",
        "    <namespaces>",
    ]
    for key, label in namespaces.items():
        out.append(
            f'      <namespace key="{key}" case="first-letter">{escape(label)}</namespace>'
            if label
            else f'      <namespace key="{key}" case="first-letter" />'
        )
    out += ["    </namespaces>", "  </siteinfo>"]
    for page_id, namespace, title, revisions in pages:
        out += ["  <page>", f"    <title>{escape(title)}</title>", f"    <ns>{namespace}</ns>", f"    <id>{page_id}</id>"]
        parent = None
        for revision_id, timestamp, text in revisions:
            out += ["    <revision>", f"      <id>{revision_id}</id>"]
            if parent is not None:
                out.append(f"      <parentid>{parent}</parentid>")
            out += [
                f"      <timestamp>{timestamp}</timestamp>",
                "      <contributor>",
                "        <username>Ana</username>",
                "        <id>7</id>",
                "      </contributor>",
                "      <model>wikitext</model>",
                "      <format>text/x-wiki</format>",
                f'      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>',
                "      <sha1>0000000000000000000000000000000</sha1>",
                "    </revision>",
            ]
            parent = revision_id
        out.append("  </page>")
    out.append("</mediawiki>")
    return "\n".join(out) + "\n"


def main() -> None:
    """Write sample-en.xml (full history) and sample-de.xml.bz2."""
    (HERE / "sample-en.xml").write_text(
        render("Example Community Wiki", "examplewiki", "en", NAMESPACES, EN_PAGES), encoding="utf-8"
    )
    german = {0: "", 1: "Diskussion", 2: "Benutzer", 4: "Projekt"}
    data = render("Beispielwiki", "beispielwiki", "de", german, DE_PAGES).encode()
    (HERE / "sample-de.xml.bz2").write_bytes(bz2.compress(data))


if __name__ == "__main__":
    main()
