"""Owns which loaded document a question names without its full title: a shortening of
the title as people shorten one (排污许可条例), its genre alone (细则里…) where one
document of that genre is loaded, or a word of its title before the genre after a
demonstrative (这个头盔规定)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from policyqa import rules


def abbreviation_named(
    text: str, region_names: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], str]:
    """The document a question names by a shortening of its title, as people shorten
    one: its words in order, some left out, its genre kept (新化学物质报告规定 for
    新化学物质环境信息报告规定, 排污许可条例 for 排污许可管理条例), and the words naming it."""
    genres = rules.data_toml("intents.toml")["genres"]["names"]
    named: list[tuple[int, str, str]] = []
    for doc_id, names in region_names.items():
        title = names[0] if names else ""  # longest first: the title
        genre = next((g for g in genres if title.endswith(g)), "")
        if not genre:
            continue
        for end in (m.end() for m in re.finditer(genre, text)):
            for start in range(max(0, end - len(title)), end - len(genre) - 1):
                written = text[start:end]
                if written[0] == title[0] and _in_order(written, title):
                    named.append((len(written), doc_id, written))
                    break
    best = max((n for n, _, _ in named), default=0)
    found = {(doc, written) for n, doc, written in named if n == best}
    if len(found) != 1:
        return (), ""
    ((doc, written),) = found
    return (doc,), written


def _in_order(short: str, long: str) -> bool:
    """Whether the characters of ``short`` occur in ``long`` in order."""
    rest = iter(long)
    return all(char in rest for char in short)


def genre_named(text: str, genres: Mapping[str, str]) -> tuple[str, ...]:
    """The document a question names by its genre alone (细则里…), if one is loaded."""
    table = rules.data_toml("intents.toml")["genres"]
    names = "|".join(g for g in table["names"] if g in genres)
    # 本规定的上位法依据: 本 (this) before the genre names it wherever it stands.
    found = (
        re.search(f"(?<={table['preceded_by']})({names})|({names})(?={table['followed_by']})", text)
        if names
        else None
    )
    genre = found.group(1) or found.group(2) if found else ""
    if found and _PLACE_BEFORE.search(text[: found.start()]):
        return ()  # 岷县规定第十五条: another place's 规定, not the one loaded
    return (genres[genre],) if found else ()


# A place named right before a genre (岷县规定, 某市办法): a document of that place. Loaded
# documents' own short titles (金坪规定) are found before the genre is tried.
_PLACE_BEFORE = re.compile(r"[\u4e00-\u9fff](?:县|市|省|区|州|旗)$")


def topic_named(text: str, region_names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The document a question names as 这个头盔规定: a demonstrative, words of one loaded
    title and its genre; none where the words are in no title or in several."""
    table = rules.data_toml("intents.toml")["genres"]
    found = re.search(
        f"(?:{table['demonstrative']})(?P<topic>[\u4e00-\u9fff]{{2,6}}?)(?P<genre>{'|'.join(table['names'])})",
        text,
    )
    if not found:
        return ()
    named = [
        doc
        for doc, names in region_names.items()
        if names and names[0].endswith(found.group("genre")) and found.group("topic") in names[0]
    ]
    return (named[0],) if len(named) == 1 else ()
