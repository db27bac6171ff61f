"""Owns the rule tables in ``data/``: each is read once, and nothing in them is code."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    """The text of ``data/<name>`` shipped with the package."""
    return resources.files("policyqa").joinpath(f"data/{name}").read_text("utf-8")


def data_lines(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of ``data/<name>``, one entry a line."""
    lines = (line.strip() for line in data_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def data_toml(name: str) -> dict[str, Any]:
    """``data/<name>`` parsed as TOML."""
    return tomllib.loads(data_text(name))


@cache
def actors() -> tuple[str, ...]:
    """Regulated parties an obligation can address, longest forms first."""
    return data_lines("actors.txt")


@cache
def industries() -> tuple[str, ...]:
    """Industries that obligations and questions name."""
    return data_lines("industries.txt")


@cache
def question_words() -> frozenset[str]:
    """Words that say what is asked, not what it is about."""
    return frozenset(w for line in data_lines("question_words.txt") for w in line.split())


@cache
def places() -> tuple[str, ...]:
    """Chinese place names: one the loaded documents do not cover is another region."""
    return data_lines("places.txt")


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled intent pattern ``name`` of ``data/intents.toml``."""
    table = data_toml("intents.toml")
    flags = re.I if name in table.get("ignore_case", []) else 0
    return re.compile(table["patterns"][name], flags)


@cache
def unit_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(unit, pattern) pairs: the unit a quantity question asks for."""
    units = data_toml("intents.toml")["units"]
    return tuple((unit, re.compile(regex)) for unit, regex in units.items())


def measure_asked(text: str) -> str | None:
    """The measure a question asks an amount in (多远: length; 多大面积: area), if any
    (``[measures_asked]`` of ``data/intents.toml``)."""
    return next((m for m, p in _measures_asked() if p.search(text)), None)


@cache
def _measures_asked() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = data_toml("intents.toml")["measures_asked"]
    return tuple((measure, re.compile(regex)) for measure, regex in table.items())


@cache
def listing_pattern(name: str) -> re.Pattern[str]:
    """The pattern ``name`` of the ``[listing]`` table of ``data/intents.toml``."""
    return re.compile(data_toml("intents.toml")["listing"][name])


@cache
def article_pattern() -> re.Pattern[str]:
    """An article named in a question (``[articles]`` of ``data/intents.toml``)."""
    return re.compile(data_toml("intents.toml")["articles"]["reference"])


@cache
def unit_pattern() -> re.Pattern[str]:
    """A unit named by its number alone in a question (第七项: ``[articles]``)."""
    return re.compile(data_toml("intents.toml")["articles"]["unit"])


@cache
def parts_pattern() -> re.Pattern[str]:
    """Where a question asking two things splits (``[parts]`` of ``data/intents.toml``)."""
    return re.compile(data_toml("intents.toml")["parts"]["second_question"])
