"""Owns a Word document's text as Word shows it: its paragraphs and tables in body order,
those a content control or a text box holds among them, and each paragraph's text with
its tracked changes taken as made and its SEQ fields counted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyqa.docx_numbering import format_number


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
# A field's parts: its instruction and the marks around its result.
_FIELD = (_WORD + "fldSimple", _WORD + "fldChar", _WORD + "instrText")
# A SEQ field's number format (\* CHINESENUM3), as Word's list numbering names it.
_SEQ_FORMATS = {
    "ARABIC": "decimal",
    "CHINESENUM1": "chineseCounting",
    "CHINESENUM2": "chineseLegalSimplified",
    "CHINESENUM3": "chineseCounting",
    "DBNUM1": "chineseCounting",
    "CIRCLENUM": "decimalEnclosedCircle",
    "ROMAN": "upperRoman",
    "roman": "lowerRoman",
    "ALPHABETIC": "upperLetter",
    "alphabetic": "lowerLetter",
}


class SequenceFields:
    """Word's SEQ fields of one document, counted as Word counts them when it updates
    them (第{SEQ 条}条): a file saved with its fields never updated shows
    each the result it was copied with (every article 第一条)."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def result(self, instruction: str) -> str | None:
        """The text a field shows, counted on; None where it is no SEQ field."""
        words = instruction.split()
        if len(words) < 2 or words[0].upper() != "SEQ":
            return None
        name, switches = words[1], words[2:]
        after = dict(zip(switches, [*switches[1:], ""], strict=True))  # a switch's argument
        count = self._counts.get(name, 0)
        if after.get("\\r", "").isdigit():  # \r 5: restart at 5
            count = int(after["\\r"])
        elif "\\c" not in switches:  # \c repeats the last number
            count += 1
        self._counts[name] = count
        if "\\h" in switches:
            return ""  # counted, shown nowhere
        # \* CHINESENUM3 \* MERGEFORMAT: the switch naming a number format, in any case.
        styles = [b for a, b in zip(switches, switches[1:], strict=False) if a == "\\*"]
        style = next((_SEQ_FORMATS.get(f, _SEQ_FORMATS.get(f.upper())) for f in styles), None)
        return format_number(count, style or "decimal")


def as_it_stands(paragraph: Any, fields: SequenceFields | None = None) -> str:
    """A paragraph's text with its tracked changes taken as made: a draft circulated for
    comment keeps its insertions in ``w:ins`` (which python-docx's text leaves out) and its
    deletions in ``w:del``. With ``fields``, a SEQ field shows its number counted, not the
    result it was saved with."""
    parts = []
    marks = _FieldMarks(fields) if fields is not None else None
    for element in paragraph.iter(*_SHOWN, *_FIELD):
        ancestors = list(_within(element, paragraph))
        if any(ancestor.tag in _STRUCK for ancestor in ancestors):
            continue
        if element.tag in _SHOWN:
            if marks is None or marks.shows(ancestors):
                shown = _SHOWN[element.tag]
                parts.append(element.text or "" if shown is None else shown)
        elif marks is not None:
            parts.append(marks.read(element))
    return "".join(parts)


class _FieldMarks:
    """A paragraph's fields as read: a SEQ field's counted number in place of its saved
    result, which is then not shown."""

    def __init__(self, fields: SequenceFields) -> None:
        self.fields = fields
        self.open: list[list[Any]] = []  # each complex field: [instruction, counted, separated]
        self.counted_simple: set[Any] = set()

    def shows(self, ancestors: list[Any]) -> bool:
        """Whether text under ``ancestors`` is shown: not a counted field's saved result."""
        in_simple = any(a in self.counted_simple for a in ancestors)
        return not in_simple and not any(field[1] for field in self.open)

    def read(self, element: Any) -> str:
        """What a field mark adds to the text: a counted number, or nothing."""
        if element.tag == _WORD + "fldSimple":
            result = self.fields.result(element.get(_WORD + "instr", ""))
            if result is None:
                return ""
            self.counted_simple.add(element)
            return result
        if element.tag == _WORD + "instrText":
            if self.open:
                self.open[-1][0] += element.text or ""
            return ""
        kind = element.get(_WORD + "fldCharType")
        if kind == "begin":
            self.open.append(["", False, False])
        elif kind == "separate" and self.open:
            result = self.fields.result(self.open[-1][0])
            self.open[-1][1:] = [result is not None, True]
            return result or ""
        elif kind == "end" and self.open:
            instruction, _, separated = self.open.pop()
            if not separated:  # a field saved with no result at all
                return self.fields.result(instruction) or ""
        return ""


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
