"""Privacy notices built from the manifest (GDPR Art. 13 and 14).

doc = build_notice(manifest, language="en")   # sections + the gaps kept check reports
html = render_html(doc)                        # or render_markdown(doc), render(doc, "md")
"""

from kept.notice.document import Gap, NoticeDocument, Section, build_notice
from kept.notice.render import render, render_html, render_markdown

__all__ = [
    "Gap",
    "NoticeDocument",
    "Section",
    "build_notice",
    "render",
    "render_html",
    "render_markdown",
]
