"""Owns reading web pages: a page saved from a website (.html), or saved by the browser
as a single file (.mhtml: the page and what it shows, as MIME parts), as blocks."""

from __future__ import annotations

import email
import email.policy
import os
import re
from typing import Any

from policyqa.tables import caption_of, table_blocks
from policyqa.unwrap import unwrap

# A line break in a page's source between two Chinese characters (Word's Save as Web Page
# wraps its source inside sentences): no space, as CSS renders such a break for Chinese.
_SOFT_WRAP = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]*\n[ \t]*"
    r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


# A block of preformatted text (old sites set a whole regulation in one <pre>, wrapped at
# the block's width): the extractor would run its lines together.
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S | re.I)


def _pre_as_lines(page: str) -> str:
    """Each <pre> block's text a paragraph a line (<br>), its lines rejoined where they
    were wrapped at the block's width, as text copied out of a PDF is (``unwrap``)."""

    def lines(block: re.Match[str]) -> str:
        paragraphs = [p.strip() for p in unwrap(block.group(2).split("\n")) if p.strip()]
        return block.group(1) + "<br>".join(paragraphs) + block.group(3)

    return _PRE.sub(lines, page)


# An element hidden until the reader unfolds it, and how much of a preview's text the
# hidden block must begin with to be the whole of which it is the start.
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_PREVIEW_SHARE = 0.8
_PREVIEW_LEAST = 30


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unfolded(page: str) -> str:
    """A page that folds its text (a preview of its start, 展开全文, then the whole text in
    a block hidden until unfolded) with the whole text shown and the preview gone, as a
    reader who unfolds it sees it; any other page as it is. The extractor skips what a
    page hides."""
    from lxml import html as lxml_html

    if not _HIDDEN.search(page):
        return page
    tree = lxml_html.fromstring(page)
    hidden = [e for e in tree.iter() if _HIDDEN.search(str(e.get("style", "")))]
    texts = _flat_texts(tree)  # each element's text, read once: a portal hides many
    changed = False
    for block in hidden:
        whole = texts.get(block, "")
        if len(whole) <= _PREVIEW_LEAST:
            continue  # a hidden menu or share dialog: nothing a preview could begin
        around = set(block.iterancestors()) | set(block.iter())
        previews = [
            (len(text), element)
            for element, text in texts.items()
            if element not in around
            and _PREVIEW_LEAST <= len(text) < len(whole)
            and text[0] == whole[0]
            and len(os.path.commonprefix([text, whole])) >= _PREVIEW_SHARE * len(text)
        ]
        if previews:
            max(previews, key=lambda found: found[0])[1].drop_tree()
            block.set("style", _HIDDEN.sub("", str(block.get("style", ""))))
            texts, changed = _flat_texts(tree), True
    return lxml_html.tostring(tree, encoding="unicode") if changed else page


def _flat_texts(tree: Any) -> dict[Any, str]:
    """Each element of ``tree`` with its text, its white space taken out."""
    return {e: _flat(e.text_content()) for e in tree.iter() if isinstance(e.tag, str)}


def page_blocks(page: str) -> list[tuple[str, str, tuple[str, ...]]] | None:
    """A web page's title and main text (trafilatura drops navigation, related links and
    footers), its tables read like any other; None where it finds no article text."""
    import trafilatura
    from lxml import etree

    html = _SOFT_WRAP.sub("", _pre_as_lines(_unfolded(page)))
    extracted = trafilatura.extract(
        html,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        favor_precision=True,
    )
    if not extracted:
        return None
    root = etree.fromstring(extracted.encode("utf-8"))
    title = _article_title(html)
    if not title:
        # Asked apart: with metadata on, the extractor reads the body differently.
        metadata = trafilatura.extract_metadata(html)
        title = (metadata.title if metadata and metadata.title else "").strip()
    blocks: list[tuple[str, str, tuple[str, ...]]] = [("paragraph", title, ())] if title else []
    main = root.find("main")
    for element in main if main is not None else []:
        if element.tag == "table":
            rows = [
                tuple("\n".join(_lines(c)) for c in row.iter("cell")) for row in element.iter("row")
            ]
            blocks += table_blocks(rows, caption_of(blocks))
        elif element.tag == "list":
            blocks += [("paragraph", line, ()) for i in element.iter("item") for line in _lines(i)]
        else:
            blocks += [("paragraph", line, ()) for line in _lines(element) if line != title]
    return blocks


def _article_title(page: str) -> str:
    """The article's title as a government site's page states it for indexing (its
    ``ArticleTitle`` meta tag): the extractor's own guess takes the page's one <h1>, which
    on many portals is the site's name above an article titled in an <h2>."""
    from lxml import etree
    from lxml import html as lxml_html

    # The page is text already: its bytes are read as UTF-8, whatever its <meta> declares.
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml_html.fromstring(page.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    found = tree.xpath("//meta[@name='ArticleTitle']/@content")
    return str(found[0]).strip() if found else ""


def _lines(element: Any) -> list[str]:
    """An extracted element's text, split at its line breaks: many sites set a whole
    regulation in one ``<p>``, an article a line (``<br>``, which trafilatura keeps as
    ``<lb/>``; inside a table cell, as ``<p>``)."""
    lines = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            lines.append(child.tail or "")
        elif child.tag == "p":
            lines += ["".join(child.itertext()), child.tail or ""]
        elif child.find(".//lb") is not None:  # a quote holding a <pre>'s lines
            lines += [*_lines(child), child.tail or ""]
        else:
            lines[-1] += "".join(child.itertext()) + (child.tail or "")
    return [line.strip() for line in lines if line.strip()]


def saved_page(data: bytes) -> bytes | None:
    """The page of a browser's single-file save (.mhtml, .mht): its first HTML part, its
    transfer encoding (quoted-printable, base64) undone, in the page's own charset."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None
