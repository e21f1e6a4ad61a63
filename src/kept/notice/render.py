"""A :class:`~kept.notice.document.NoticeDocument` written as HTML or Markdown."""

from __future__ import annotations

import html

from kept.notice.document import NoticeDocument

__all__ = ["render", "render_html", "render_markdown"]


def render_markdown(doc: NoticeDocument) -> str:
    out = [f"# {doc.title}", ""]
    if doc.dates:
        out += [f"_{doc.dates}_", ""]
    for s in doc.sections:
        out += [f"## {s.heading}", ""]
        for p in s.paragraphs:
            out += [_md(p), ""]
        if s.items:
            out += [f"- {_md(i)}" for i in s.items] + [""]
    return "\n".join(out).rstrip() + "\n"


def render_html(doc: NoticeDocument, *, fragment: bool = False) -> str:
    """The notice as HTML: a whole page, or with ``fragment`` only its ``<article>``."""
    e = html.escape
    body = [f'<article class="kept-notice" lang="{e(doc.language)}">', f"<h1>{e(doc.title)}</h1>"]
    if doc.dates:
        body.append(f'<p class="dates">{e(doc.dates)}</p>')
    for s in doc.sections:
        cls = ' class="missing"' if s.missing else ""
        body.append(f'<section id="{e(s.key)}" data-article="{e(s.article)}"{cls}>')
        body.append(f"<h2>{e(s.heading)}</h2>")
        body += [f"<p>{e(p)}</p>" for p in s.paragraphs]
        if s.items:
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in s.items) + "</ul>")
        body.append("</section>")
    body.append("</article>")
    article = "\n".join(body) + "\n"
    if fragment:
        return article
    return (
        f'<!doctype html>\n<html lang="{e(doc.language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(doc.title)}</title></head>\n<body>\n{article}</body></html>\n"
    )


def render(doc: NoticeDocument, fmt: str) -> str:
    """``fmt`` is ``html`` or ``md``."""
    if fmt == "html":
        return render_html(doc)
    if fmt in ("md", "markdown"):
        return render_markdown(doc)
    from kept.errors import RecordsError

    raise RecordsError(f"unknown notice format {fmt!r}: use 'html' or 'md'")


def _md(text: str) -> str:
    # Text from the manifest must not turn into markup: escape what Markdown reads as syntax.
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text
