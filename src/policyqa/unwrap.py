"""Owns undoing what copying out of a PDF or a scan does to plain text.

Text copied out of a PDF viewer, or saved from one as .txt, breaks every line at the
page's width and carries the page numbers between pages. Read a line at a time, each
line would be a paragraph: an article cut in three, a 款 counted per line and a quote
broken mid-word. Such text is told by its lines: most long lines run to the same width.
Text written a paragraph a line (the seeds, most uploads) has no such width and is
returned unchanged.

Text from OCR spaces out what was set large or spaced: a title (鹤 岭 市 …), a heading's
number (第 一 条, 第 二 章　维 护 管 理). Those spaces are closed up; a body's are left.

Text copied from a page may carry characters that show nothing (zero-width spaces a portal
sets to mark copies); a legal database's, note markers ([1]) whose notes follow. Both go.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from policyqa.pdf_layout import (
    ITEM_START,
    PAGE_NUMBER,
    RULED_PAGE_NUMBER,
    SENTENCE_END,
    masked,
)

# Lines at least this wide (in half-width units, 20 Chinese characters) can show a wrap
# width; shorter ones are headings, signatures and paragraph ends.
MIN_WRAP_WIDTH = 40
# How many lines, and what share of the long ones, must run to one width.
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.5
# A line breaks a character early when the next one is wide, and closing punctuation
# may hang past the margin (避头尾).
SHORT_BY, HANG_BY = 1, 2
INDENTS = ("\u3000", "  ", "\t")


def display_width(text: str) -> int:
    """The width of ``text`` in half-width units, as a monospaced page sets it."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width the text was wrapped at, or None when it reads a paragraph a line."""
    widths = [display_width(line.rstrip()) for line in lines]
    long = [w for w in widths if w >= MIN_WRAP_WIDTH]
    if len(long) < MIN_FULL_LINES:
        return None
    best, full = 0, 0
    for width, _ in Counter(long).most_common(3):
        near = sum(1 for w in long if width - SHORT_BY <= w <= width + HANG_BY)
        if near > full:
            best, full = width, near
    if full < MIN_FULL_LINES or full < MIN_FULL_SHARE * len(long):
        return None
    return best


def _starts_paragraph(line: str) -> bool:
    # An OCR'd heading's number (第 二 条) too, before ``close_up`` closes it.
    spaced = _SPACED_HEAD.match(line)
    return line.startswith(INDENTS) or bool(ITEM_START.match(line) or spaced)


def unwrap(lines: Sequence[str]) -> list[str]:
    """The paragraphs of hard-wrapped text, a paragraph a line, page numbers dropped;
    any other text unchanged. A line goes on the one before when that one ran to the
    wrap width and this one does not start indented or numbered; a page break (its
    number and the blank lines around it) does not end a paragraph."""
    width = wrap_width(lines)
    if width is None:
        return list(lines)
    rebuilt: list[str] = []
    blanks: list[str] = []  # blank lines since the last text line
    page_break = False
    joinable = False  # whether the last text line ran to the margin
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            blanks.append(line)
            continue
        if RULED_PAGE_NUMBER.match(line):
            # Kept for ``drop_page_breaks``, which knows the running head set beside it
            # (泊湾市人民政府公报 2042年第8期) and joins the paragraph the break cut.
            rebuilt += [*blanks, line]
            blanks, joinable = [], False
            continue
        if PAGE_NUMBER.match(line):
            page_break = True
            continue
        if blanks and not page_break:  # a blank line between paragraphs
            rebuilt += blanks
            joinable = False
        blanks, page_break = [], False
        if joinable and not _starts_paragraph(line):
            rebuilt[-1] += line
        else:
            rebuilt.append(line)
        joinable = display_width(line) >= width - SHORT_BY
    return rebuilt + blanks


def _beside(lines: Sequence[str], at: int) -> list[int]:
    """The nearest text line before and after line ``at`` (-1: the first text line)."""
    found = []
    for step in (-1, 1):
        near = at + step
        while 0 <= near < len(lines) and not lines[near].strip():
            near += step
        if 0 <= near < len(lines):
            found.append(near)
    return found


def drop_page_breaks(lines: Sequence[str]) -> list[str]:
    """Text copied a paragraph a line out of a paginated source (a gazette, a PDF), with
    the furniture between its pages: the page numbers (— 23 —) and the running head set
    beside them, or above the first page's text, twice or more (嵩阳市人民政府公报
    2036年第9期) are dropped, and a
    paragraph the break cut in two (…会同树木养护单位 / 进行修剪。) is joined again."""
    breaks = [at for at, line in enumerate(lines) if RULED_PAGE_NUMBER.match(line)]
    if not breaks:
        return list(lines)
    # The first page's head stands above the text, beside no number.
    beside = Counter(masked(lines[near]) for at in [-1, *breaks] for near in _beside(lines, at))
    heads = {text for text, count in beside.items() if count >= 2}
    furniture = {
        at
        for at, line in enumerate(lines)
        if RULED_PAGE_NUMBER.match(line)
        or (masked(line) in heads and not ITEM_START.match(line.strip()))
    }
    kept: list[str] = []
    last = -1  # where in ``kept`` the last text line is
    cut = False  # whether furniture stood since the last text line
    for at, line in enumerate(lines):
        if at in furniture:
            cut = True
            continue
        if not line.strip():
            kept.append(line)
            continue
        ended = last < 0 or kept[last].rstrip().endswith(tuple(SENTENCE_END))
        if cut and not ended and not ITEM_START.match(line.strip()):
            del kept[last + 1 :]  # the blank lines around the break
            kept[last] = kept[last].rstrip() + line.strip()
        else:
            kept.append(line)
            last = len(kept) - 1
        cut = False
    return kept


def rejoined(
    blocks: Sequence[tuple[str, str, tuple[str, ...]]],
) -> list[tuple[str, str, tuple[str, ...]]]:
    """``blocks`` (kind, text, cells) with each run of paragraphs that are the lines of
    hard-wrapped text, as a PDF's text pasted into Word leaves them (a line of the page a
    paragraph, the page numbers between), read as the paragraphs they were; any other
    blocks as they are."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    run: list[str] = []

    def flush() -> None:
        lines = drop_page_breaks(unwrap(run))
        rebuilt = [line for line in lines if line.strip()]
        if len(rebuilt) < len([line for line in run if line.strip()]):
            out.extend(("paragraph", line, ()) for line in rebuilt)
        else:
            out.extend(("paragraph", line, ()) for line in run)
        run.clear()

    for kind, text, cells in blocks:
        if kind == "paragraph":
            run.append(text)
            continue
        if run:
            flush()
        out.append((kind, text, cells))
    if run:
        flush()
    return out


# An article's head run on after the last article's end (…制定本规定。 第二条 市…): text
# pasted with its line breaks lost.
_RUN_ON_ARTICLE = re.compile(
    r"(?:(?<=[。；！？])\s*|\s+)(?=第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十]+)?\s)"
)
# At least this many article heads on one line tell a text run together from a line that
# happens to cite an article.
_RUN_ON_MIN = 3


def split_run_on(lines: Sequence[str]) -> list[str]:
    """Lines holding a whole regulation, its articles run together where the line breaks
    were lost (…制定本规定。 第二条 市文化广电和旅游局负责…), a line an article again, the
    title before the first one a line of its own."""
    split: list[str] = []
    for line in lines:
        if len(_RUN_ON_ARTICLE.findall(line)) >= _RUN_ON_MIN:
            split += [part.strip() for part in _RUN_ON_ARTICLE.split(line) if part.strip()]
        else:
            split.append(line)
    return split


# A line of single characters, each set apart by a space (鹤 岭 市 城 市 …): a spaced title.
_SPACED_LINE = re.compile(r"\s*(?:[\u4e00-\u9fff] )+[\u4e00-\u9fff]\s*")
# A heading whose number is spaced out (第 一 条, 第 十 二 章).
_SPACED_HEAD = re.compile(
    r"^(?P<indent>\s*)第(?P<number>(?: ?[一二三四五六七八九十百零〇\d])+) ?(?P<unit>[编章节条])"
)
# A chapter's or section's title spaced out after its number (第二章　维 护 管 理).
_SPACED_TITLE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


# A date or time OCR spaced out (2036 年 9 月 1 日): digits and their units apart.
_SPACED_DATE = re.compile(
    r"(?<=\d) (?=[年月日时])|(?<=[年月]) (?=\d)|(?<=[\u4e00-\u9fff]) (?=\d{4}年)"
)


def close_up(lines: Sequence[str]) -> list[str]:
    """Lines with the spaces OCR puts in a spaced title and a heading's number closed
    up (第 一 条 → 第一条), and then, in such a text, in its dates (2036 年 9 月 1 日);
    text with no spaced heading unchanged."""
    if not any(
        _SPACED_LINE.fullmatch(line) or ((m := _SPACED_HEAD.match(line)) and " " in m.group(2))
        for line in lines
    ):
        return list(lines)
    closed = []
    for line in lines:
        line = _SPACED_DATE.sub("", _SPACED_DATE.sub("", line))  # 2036 年, then 自 2036年
        if _SPACED_LINE.fullmatch(line):
            line = line.replace(" ", "")
        head = _SPACED_HEAD.match(line)
        if head and " " in head.group("number"):
            number = head.group("number").replace(" ", "")
            rest = line[head.end() :]
            if head.group("unit") != "条":  # 第二章　维 护 管 理: the title, too
                rest = _SPACED_TITLE.sub("", rest)
            line = f"{head.group('indent')}第{number}{head.group('unit')}{rest}"
        closed.append(line)
    return closed


# OCR, and a text typed on an English keyboard, set Chinese punctuation half-width
# (制定本规定,根据…;): turned back, one character for one, so that the rules written for
# 公文 punctuation read it. Not between digits or Latin letters (20:30, 1.5), and not
# brackets, which every rule reads in either width ((一) as （一）).
_HALF_MARK = re.compile(r"(?<=[\u4e00-\u9fff）》”])[,;:?!.](?=[\u4e00-\u9fff“《（(]|\s*$)")
_FULL_MARK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}


def full_width_marks(text: str) -> str:
    """``text`` with the punctuation set half-width among Chinese characters full-width,
    its length unchanged."""
    return _HALF_MARK.sub(lambda m: _FULL_MARK[m.group()], text)


# Characters a page sets that show nothing: zero-width spaces and joiners (a portal may put
# one after every few characters to mark copies), a byte-order mark; and a non-breaking
# space, which shows as a space.
_INVISIBLE = str.maketrans(
    {
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u00a0": " ",
    }
)


def visible(text: str) -> str:
    """``text`` as it shows: no zero-width characters, soft hyphens or byte-order marks,
    and a non-breaking space as a space."""
    return text.translate(_INVISIBLE)


# An item number set as one enclosed character (㈠, ⑴, ⒈), as a word processor's autocorrect
# or a typesetter's font gives it: written out, as every rule reads item numbers.
_ENCLOSED = re.compile("[\u3220-\u3229\u2474-\u249b]")
_ENCLOSED_MARKS = str.maketrans({"(": "（", ")": "）", ".": "．"})


def enclosed_numbers(text: str) -> str:
    """``text`` with its enclosed item numbers written out: ㈠ → （一）, ⑴ → （1）, ⒈ → 1．."""
    return _ENCLOSED.sub(
        lambda m: unicodedata.normalize("NFKC", m.group()).translate(_ENCLOSED_MARKS), text
    )


# Characters OCR reads for their look-alikes where only one can stand: 笫 (a bed mat) for 第
# before a heading's number (笫六条), and 曰 (to say) for 日 closing a date (12月1曰).
_OCR_ORDINAL = re.compile(r"笫(?=[一二三四五六七八九十百零〇\d]+[编章节条款项])")
_OCR_DAY = re.compile(r"(月\s*[\d一二三四五六七八九十]{1,3}\s*)曰")


# A number OCR read with letters for look-alike digits (2O48年, 5OO元, 1l月): a run of digits
# and O, o, l or I holding a digit, no Latin word's (ISO9001, GB18O1), before the unit or
# date word it counts (not O2O模式); or an l or I alone between a Chinese character and a
# measure (每年进行l次, 月l日).
_OCR_NUMBER = re.compile(
    r"(?<![A-Za-z\d])[\dOolI]*\d[\dOolI]*"
    r"(?=\s*[年月日号时分秒元次个条款项万千百亿%米吨天周岁人户家台辆倍升克度])"
)
_OCR_ONE = re.compile(r"(?<=[\u4e00-\u9fff])[lI](?=[次日月年个元号条款项])")
_OCR_DIGITS = str.maketrans("OolI", "0011")


def ocr_lookalikes(text: str) -> str:
    """``text`` with OCR's look-alikes in numbering, dates and numbers read as meant."""
    text = _OCR_NUMBER.sub(lambda m: m.group().translate(_OCR_DIGITS), text)
    text = _OCR_ONE.sub("1", text)
    return _OCR_DAY.sub(r"\1日", _OCR_ORDINAL.sub("第", text))


# Emoji and pictographs a post sets before its lines (🔹第一条, 📌来源, ✅, 👇): pictographs,
# dingbats and the selectors that shape them; not the marks a table or a form may mean
# something by (★ of a hotel's grade, ☐ ☑ ☒, ✓ ✔ ✕ ✖ ✗ ✘) nor ❶–❿, item numbers.
_PICTOGRAPH = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u2604\u2607-\u260f\u2613-\u2712\u2719-\u2775"
    "\u2794-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u20e3]"
)


def without_pictographs(text: str) -> str:
    """``text`` without the emoji and pictographs that decorate it: no words of the text."""
    return _PICTOGRAPH.sub("", text)


def as_typed(text: str) -> str:
    """``text`` as it shows and as it was meant: no invisible characters or decorating
    emoji, punctuation full-width among Chinese, enclosed item numbers written out, OCR's
    look-alikes read."""
    return ocr_lookalikes(enclosed_numbers(full_width_marks(without_pictographs(visible(text)))))


# A notes section as a legal database sets one below a revised regulation (注释：, then
# "[1] 本条原为…"), and the markers ([1], ［2］, 〔3〕) it sets after the units it annotates.
_NOTES_HEADING = re.compile(r"^[【\[]?(?:注释|注解|脚注|尾注|注)[】\]]?[：:]?$")
_NOTE = re.compile(r"^[\[［〔](\d{1,2})[\]］〕]")
_NOTE_MARKER = re.compile(r"[\[［〔](\d{1,2})[\]］〕]")


def without_note_markers(paragraphs: Sequence[str]) -> list[str]:
    """``paragraphs`` with the note markers taken out of the text above a notes section
    whose notes bear their numbers: apparatus, not the regulation's words, which an
    answer's own [1] would be confused with. The notes stay as written."""
    heading = next((at for at, p in enumerate(paragraphs) if _NOTES_HEADING.match(p.strip())), None)
    if heading is None:
        return list(paragraphs)
    numbers = {m.group(1) for p in paragraphs[heading + 1 :] if (m := _NOTE.match(p.strip()))}
    if not numbers:
        return list(paragraphs)

    def unmarked(paragraph: str) -> str:
        return _NOTE_MARKER.sub(lambda m: "" if m.group(1) in numbers else m.group(), paragraph)

    return [*map(unmarked, paragraphs[:heading]), *paragraphs[heading:]]
