"""``framing lsp``: a language server that shows the findings of ``framing lint`` while people write.

A thin layer, like the command line: :mod:`framing.lsp.analysis` lints an open
document with the same readers, configuration and suppressions as ``framing lint``;
:mod:`framing.lsp.presentation` and :mod:`framing.lsp.actions` turn the findings into
diagnostics, hovers and code actions; :mod:`framing.lsp.server` speaks the protocol
(pygls). :mod:`framing.lsp.text` keeps the text of open documents and maps offsets to
protocol positions.
"""
