"""Owns department names: the alias table (surface forms and typos to one canonical name)
and how a document of a given level writes the names its notes list."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from policyqa import rules

CITY_PREFIX = "市"
# Prefixes that mark a name as already complete: never give it the city prefix.
_COMPLETE_PREFIXES = ("市", "各", "省", "自治区", "国家", "中央", "县", "区", "旗")


@dataclass(frozen=True)
class DepartmentTable:
    """Lookup from any known surface form to its canonical name.

    Args:
        city_bases: unprefixed city department name (and alias) → canonical base name.
        bodies: complete name (and alias) → canonical complete name.
        national: central bodies' names (and aliases) → their usual name; national
            documents keep names as written, so these only make them findable.
    """

    city_bases: dict[str, str]
    bodies: dict[str, str]
    national: dict[str, str] = field(default_factory=dict)

    def key(self, name: str) -> str:
        """One key for every form of one body: for matching, never for display."""
        name = name.strip()
        return self.national.get(name) or self._surface_forms.get(name) or name

    def canonical(self, surface: str, carried_prefix: str = "") -> str:
        """Canonical name of ``surface``; ``carried_prefix`` is a list's 市 to distribute."""
        name = surface.strip()
        if name in self.bodies:
            return self.bodies[name]
        if name in self.city_bases:
            return carried_prefix + self.city_bases[name]
        if name.startswith(CITY_PREFIX) and name[1:] in self.city_bases:
            return CITY_PREFIX + self.city_bases[name[1:]]
        return name

    def has_city_prefix(self, surface: str) -> bool:
        """True when ``surface`` is a 市-prefixed city department (not 市场监管局 bare)."""
        name = surface.strip()
        return (
            name.startswith(CITY_PREFIX)
            and name not in self.city_bases
            and name not in self.national  # 市场监管总局 is central, not a 市 bureau
        )

    def is_complete(self, surface: str, places: tuple[str, ...] = ()) -> bool:
        """True when a name needs no distributed prefix (包头海关, 各旗县区政府)."""
        name = surface.strip()
        if name in self.city_bases:  # 市场监管局 is a bare base, whatever its first letter
            return False
        return (
            name in self.bodies
            or self.has_city_prefix(name)
            or name.startswith(_COMPLETE_PREFIXES)
            or any(name.startswith(place) for place in places)
        )

    def surface_forms(self) -> dict[str, str]:
        """Every form a question may use, with and without 市, → canonical name (a copy)."""
        return dict(self._surface_forms)

    @cached_property
    def _surface_forms(self) -> dict[str, str]:
        # Built once per table: matching asks for it once per name it reads.
        forms: dict[str, str] = {}
        for alias, base in self.city_bases.items():
            forms[CITY_PREFIX + alias] = CITY_PREFIX + base
            forms.setdefault(alias, CITY_PREFIX + base)
        forms.update(self.bodies)
        return forms


@cache
def default_table() -> DepartmentTable:
    """The table shipped in ``policyqa/data/departments.toml``."""
    return table_from_toml(rules.data_text("departments.toml"))


def table_from_toml(raw: str) -> DepartmentTable:
    """Build a table from the TOML text of a departments file."""
    data = tomllib.loads(raw)
    city: dict[str, str] = {}
    for entry in data.get("department", []):
        for form in (entry["name"], *entry.get("aliases", [])):
            city[form] = entry["name"]
    bodies: dict[str, str] = {}
    for entry in data.get("body", []):
        for form in (entry["name"], *entry.get("aliases", [])):
            bodies[form] = entry["name"]
    national: dict[str, str] = {}
    for entry in data.get("national", []):
        for form in (entry["name"], *entry.get("aliases", [])):
            national[form] = entry["name"]
    return DepartmentTable(city, bodies, national)


def resolve_names(
    names: Sequence[str], table: DepartmentTable, places: tuple[str, ...], level: str
) -> list[str]:
    """Names as a document of ``level`` means them.

    A national document's names stay exactly as written. A provincial one carries 省
    from the list's first item to its short items. Elsewhere names resolve through the
    alias table, carrying a list's 市 to its short items (市工信局、农牧局).
    """
    if level == "national":
        return list(names)
    resolved, carried = [], ""
    for position, name in enumerate(names):
        if level == "provincial":
            if position == 0 and name.startswith("省"):
                carried = "省"
            complete = name.startswith(("省", "各", "国家")) or name in table.bodies
            resolved.append(name if complete else carried + name)
            continue
        if table.has_city_prefix(name):
            carried = CITY_PREFIX
        prefix = "" if table.is_complete(name, places) else carried
        resolved.append(table.canonical(name, prefix))
    return resolved
