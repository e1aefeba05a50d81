"""``framing serve``: the web page and JSON API for writers who never open a terminal.

:mod:`framing.web.app` builds the Starlette application, :mod:`framing.web.guards` its
limits and security headers, :mod:`framing.web.pages` the page, and
:mod:`framing.web.openapi` the API's description. The checking itself is
:mod:`framing.textcheck`; the document view is :mod:`framing.view`.
"""
