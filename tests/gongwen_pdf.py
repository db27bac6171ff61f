"""Sets a plain-text plan as a 公文-layout PDF for tests, the way offices publish them.

A4, 28 characters a line with every line a hard break, a centred title, paragraphs with a
two-character first-line indent and no extra spacing, a running header on every page and
a `— N —` page number in each footer. Built with reportlab and WenQuanYi Micro Hei, so no
binary fixture is committed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CHARS_PER_LINE = 28
FONT_SIZE = 15.5
LEADING = 26.0


def _wrap(paragraph: str, indent: int, measure: Callable[[str], float]) -> list[tuple[int, str]]:
    """Lines as wide as 28 full-width characters (half-width ones take less room), the
    first one ``indent`` characters in."""
    lines: list[tuple[int, str]] = []
    line, room = "", (CHARS_PER_LINE - indent) * FONT_SIZE
    for char in paragraph:
        if measure(line + char) > room + 0.01:
            lines.append((indent if not lines else 0, line))
            line, room = "", CHARS_PER_LINE * FONT_SIZE
        line += char
    if line:
        lines.append((indent if not lines else 0, line))
    return lines


def render(text: str, header: str = "") -> bytes:
    """``text`` (its first line the title) as a PDF; ``header`` repeats on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", str(FONT_FILE), subfontIndex=0))
    width, height = A4
    left = (width - CHARS_PER_LINE * FONT_SIZE) / 2
    top, bottom = height - 100, 90
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    page = 1
    y = top

    def furniture() -> None:
        pdf.setFont("WQY", 10.5)
        if header:
            pdf.drawCentredString(width / 2, height - 50, header)
        pdf.drawCentredString(width / 2, 50, f"— {page} —")
        pdf.setFont("WQY", FONT_SIZE)

    furniture()
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    for number, paragraph in enumerate(paragraphs):
        if number == 0:  # the title, centred, in lines of its own
            lines = [(0, paragraph[i : i + 20]) for i in range(0, len(paragraph), 20)]
        else:
            lines = _wrap(paragraph, 2, lambda t: pdfmetrics.stringWidth(t, "WQY", FONT_SIZE))
        for indent, line in lines:
            if y < bottom:
                pdf.showPage()
                page += 1
                furniture()
                y = top
            if number == 0:
                pdf.drawCentredString(width / 2, y, line)
            else:
                pdf.drawString(left + indent * FONT_SIZE, y, line)
            y -= LEADING
    pdf.save()
    return buffer.getvalue()
