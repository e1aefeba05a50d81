"""The document view shared by ``framing lint --format html`` and the web page of ``framing serve``.

One script (``static/view.js``) and one style sheet (``static/view.css``) draw a
document with every occurrence highlighted, a panel per finding, the filters and the
summary chart, from JSON data the Python side embeds; the report inlines them, the
server serves them as static files.
"""
