"""Owns a Word document's text as Word shows it: its paragraphs and tables in body order,
those a content control or a text box holds among them, and each paragraph's text with
its tracked changes taken as made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes a paragraph anchors, each once: Word saves a box twice, as DrawingML
    and as a VML fallback (``mc:Fallback``) for older readers."""
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    return [
        box
        for box in paragraph.iter(_WORD + "txbxContent")
        if not any(a.tag == fallback for a in box.iterancestors())
        and not any(a.tag == _WORD + "txbxContent" for a in box.iterancestors())
    ]


def inner_content(element: Any, parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or a cell in order, those a content control
    (``w:sdt``) holds among them: an OA system's 公文 template holds its title and body in
    such fields, which python-docx's own iteration passes over."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == _WORD + "p":
            yield Paragraph(child, parent)
        elif child.tag == _WORD + "tbl":
            yield Table(child, parent)
        elif child.tag == _WORD + "sdt":
            content = child.find(_WORD + "sdtContent")
            if content is not None:
                yield from inner_content(content, parent)


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a paragraph's text is made of, as Word shows it: text, tabs and line breaks.
_SHOWN = {_WORD + "t": None, _WORD + "tab": "\t", _WORD + "br": "\n", _WORD + "cr": "\n"}
# Text a reviewer struck out, or moved away: tracked, not yet accepted, no longer there;
# and a text box's, which floats apart from the paragraph that anchors it.
_STRUCK = (_WORD + "del", _WORD + "moveFrom", _WORD + "txbxContent")


def as_it_stands(paragraph: Any) -> str:
    """A paragraph's text with its tracked changes taken as made: a draft circulated for
    comment keeps its insertions in ``w:ins`` (which python-docx's text leaves out) and its
    deletions in ``w:del``."""
    parts = []
    for element in paragraph.iter(*_SHOWN):
        if any(ancestor.tag in _STRUCK for ancestor in _within(element, paragraph)):
            continue
        shown = _SHOWN[element.tag]
        parts.append(element.text or "" if shown is None else shown)
    return "".join(parts)


def _within(element: Any, paragraph: Any) -> Iterator[Any]:
    """``element``'s ancestors inside ``paragraph`` (a text box's paragraph is read as
    its own; only a box it anchors in turn floats apart)."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return
        yield ancestor


def numbering_element(document: Any) -> Any:
    """The document's list definitions (``numbering.xml``), or None where it has none."""
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # python-docx: no numbering part
        return None
