"""Owns document metadata: what a document says of itself (title, level of government,
place, kind, 文号, date) and the fields a person sets on an upload."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from policyqa import rules

# Where the fields people set on uploads are kept, beside the uploaded files.
OVERRIDES_FILE = "metadata.json"
# The fields an uploader may set; the level and completeness come from the text.
EDITABLE = ("title", "short_title", "issuer", "city", "province", "doc_type", "doc_no", "date")


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about a document: from the manifest, from its own text, or set by
    the person who uploaded it."""

    title: str = ""
    short_title: str = ""
    issuer: str = ""
    city: str = ""
    province: str = ""
    doc_type: str = ""
    complete: bool = True
    # national, provincial, municipal or county: how the names in its notes are written.
    level: str = ""
    # The document number (国办发〔2018〕128号) and the date it was issued (ISO).
    doc_no: str = ""
    date: str = ""
    # The 版记 at a 公文's foot (抄送：…；…印发), kept out of the text that answers quote.
    imprint: str = ""
    # A regulation's order number (生态环境部令第24号), the date it takes effect (ISO) and
    # what it repeals (《…》), where its text says so.
    order_no: str = ""
    effective: str = ""
    repeals: str = ""


def infer_level(title: str) -> str:
    """The level of government a title names (``data/levels.toml``), or ""."""
    for level in rules.data_toml("levels.toml")["level"]:
        if re.search(level["pattern"], title):
            return str(level["name"])
    return ""


# The place a title begins with: 江州市…, 江苏省…, 内蒙古自治区… (issuers come first).
# A province's name is of Chinese characters and names no city or county: a 细则 of a city
# naming its province's 条例 (潭口市《江滨省家政服务条例》实施细则) is the city's.
_PROVINCE = r"(?:(?![市县])[\u4e00-\u9fff]){2,8}?(?:省|自治区)"
_TITLE_CITY = re.compile(rf"^(?:{_PROVINCE})?(.{{2,6}}?市)")
# A county's title opens with its name (岚溪县, 岷县), maybe after its province or city.
_TITLE_COUNTY = re.compile(rf"^(?:{_PROVINCE})?(?:.{{2,6}}?市)?([\u4e00-\u9fff]{{1,4}}?(?:县|旗))")
_TITLE_PROVINCE = re.compile(rf"^({_PROVINCE})")
# 国办发〔2018〕128号, 包政发〔2023〕5号: an issuer's abbreviation, the year, the number.
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d{1,4}号")
# The date a document was signed: a line of its own, 2019年1月12日.
_ISSUED = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M)
# The 版记's last line: 某市人民政府办公室 2024年3月1日印发.
_PRINTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日印发")
# What kind of document a title ends with, longest first.
_KINDS = (
    "实施方案",
    "工作方案",
    "行动计划",
    "指导意见",
    "实施意见",
    "管理办法",
    "实施细则",
    "方案",
    "意见",
    "通知",
    "办法",
    "条例",
    "规定",
    "细则",
    "规则",
    "决定",
    "计划",
    "规划",
)


def meta_from_text(text: str, path: Path, imprint: Sequence[str] = ()) -> DocumentMeta:
    """What a file the manifest does not list says of itself; ``imprint`` is its 版记,
    whose 印发 date stands in when the text gives none."""
    # A legal database's export opens with its fields (【法规标题】…, 【发布部门】…).
    field = _TITLE_FIELD.search(text[:_FIELD_SPAN])
    title = field.group("title").strip() if field else _first_line_title(text) or path.stem
    if not kind_of(title):  # 点击上方蓝字 关注我们: a post's header, not its title
        title = _titled_line(text) or title
    listed = _LISTED.fullmatch(title)  # 《…办法》条款梳理表: the regulation, an article a row
    title = listed.group("title") if listed and not kind_of(title) else title
    if _ORDER_NO.fullmatch(title):  # a 政府令 printed above the regulation it issues
        promulgated = _PROMULGATED.search(text[:800])
        title = promulgated.group("title") if promulgated else title
    issuing = _ISSUING.search(title)  # …关于印发《X》的通知, with X's text below it
    notifier = ""
    if issuing and re.search(rf"^\s*{re.escape(issuing.group('title'))}\s*$", text, re.M):
        notifier, title = title[: issuing.start()], issuing.group("title")
    level = infer_level(title)
    city = _TITLE_CITY.match(title) if level in ("municipal", "county") else None
    if level == "county":
        city = _TITLE_COUNTY.match(title) or city
    province = _TITLE_PROVINCE.match(title) if level != "national" else None
    place = (city.group(1) if city else "") or (province.group(1) if province else "")
    doc_no = _DOC_NO.search(text[:800])
    issued = _ISSUED.findall(text) or _PRINTED.findall("\n".join(imprint))
    issued = issued or _ENACTED.findall(text[:800])
    effective = _EFFECTIVE.search(text)
    order = _ORDER_NO.search(text[:800])
    # Signed below its last article (柘林市人民政府 / 2036年6月18日): its issuer and date.
    signed = _SIGNATURE.search(text)
    return DocumentMeta(
        title=title,
        short_title=short_title(title, place),
        issuer=issuer_of(title)
        or notifier
        or (order.group("issuer") if order else "")
        or (signed.group("issuer") if signed else ""),
        city=city.group(1) if city else "",
        province=province.group(1) if province else "",
        doc_type=kind_of(title),
        level=level,
        doc_no=doc_no.group() if doc_no else "",
        date=_iso(*issued[0]) if issued else "",
        imprint="；".join(imprint),
        order_no=re.sub(r"\s", "", order.group("no")) if order else "",
        effective=_iso(*effective.groups())
        if effective
        # 本办法自发布之日起施行: in force from the day it was issued.
        else _iso(*issued[0])
        if issued and _FROM_ISSUE.search(text)
        else "",
        repeals="、".join(dict.fromkeys(_REPEALS.findall(text))),
    )


# 国务院令第736号, 生态环境部令第24号; 自2021年3月1日起施行; 《…》同时废止.
# The issuer's name comes right after the date of a header note: （2025年9月2日某市人民政府
# 令第7号公布）. The date of that note (公布, 通过) is the regulation's date.
_ORDER_NO = re.compile(r"(?:\d{1,2}日)?(?P<no>(?P<issuer>[\u4e00-\u9fff]{1,12})令\s*第\s*\d+\s*号)")
# A notice that issues a document (关于印发《…办法》的通知), printed above it.
_ISSUING = re.compile(r"关于印发《(?P<title>[^》]{4,60})》的通知")
# The sentence of an order that issues a regulation: 《…办法》已经…会议通过，现予公布.
_PROMULGATED = re.compile(
    r"《(?P<title>[^《》]{4,60})》(?:已经|已于|经)[^。]{0,80}?(?:现予|予以)公布"
)
_ENACTED = re.compile(
    r"[（(]\s*(\d{4})年(\d{1,2})月(\d{1,2})日[^（()）]{0,60}?(?:公布|通过|发布|修正|修订)"
)
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
# How far down a title is looked for when the first line names no document's kind.
_TITLE_SEARCH_LINES = 20
_TITLE_FIELD = re.compile(r"^\s*【[^】\n]{0,6}(?:标题|名称)】(?P<title>[^\n]{4,60})$", re.M)
_FIELD_SPAN = 400
_FROM_ISSUE = re.compile(r"自(?:公布|发布|印发|颁布)之日起施行")
_SIGNATURE = re.compile(
    r"^\s*(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府|常务委员会|委员会|局|厅))\s*\n"
    r"\s*\d{4}年\d{1,2}月\d{1,2}日\s*$",
    re.M,
)
_REPEALS = re.compile(r"(《[^》]{2,60}》)(?:[^。]{0,12}?)同时废止")


def _iso(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _core(title: str) -> str:
    """A title without its issuer, its 关于印发…的通知 wrapper, a trailing （2024年) and
    an annotated edition's 释义 (…保护规定释义 is a 规定's text, annotated)."""
    core = re.sub(r"[（(][^（）()]*[）)]$", "", title).removesuffix("的通知")
    core = re.sub(r"(?:条文)?(?:释义|解读)$", "", core)
    return core.rsplit("关于印发", 1)[-1].rsplit("关于", 1)[-1]


def issuer_of(title: str) -> str:
    """The body a title names before 关于 (国务院办公厅关于印发…), or ""."""
    head, found, _ = title.partition("关于")
    return head if found and 2 <= len(head) <= 20 else ""


def kind_of(title: str) -> str:
    """The kind of document a title names (实施方案, 意见, 条例…), or ""."""
    core = _core(title)
    return next((kind for kind in _KINDS if core.endswith(kind)), "")


def place_name(place: str) -> str:
    """A place as people say it: 石湾 for 石湾市, 岚溪 for 岚溪县; 岷县 keeps its 县."""
    for suffix in ("自治区", "省", "市", "县", "旗"):
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place.removesuffix(suffix)
    return place


def short_title(title: str, place: str) -> str:
    """How people name a plan: its place and its kind (云石方案), or its title, shortened."""
    kind = kind_of(title)
    base = place_name(place)
    if base and kind:
        return base + kind[-2:]
    core = _core(title) or title
    return core if len(core) <= 16 else core[:15] + "…"


def with_overrides(meta: DocumentMeta, overrides: dict[str, Any]) -> DocumentMeta:
    """``meta`` with the editable fields an uploader set (blank ones ignored)."""
    known = {f.name for f in fields(DocumentMeta)}
    chosen: dict[str, Any] = {
        k: str(v) for k, v in overrides.items() if k in EDITABLE and k in known and v
    }
    return replace(meta, **chosen)


# A 公文 number line (国办发〔2018〕128号), an addressee line or a field (发布单位：…) ends a
# title.
_TITLE_END = re.compile(
    r"〔\d{4}〕|\[\d{4}\]|[:：]$|^[（(]| \| |^[\u4e00-\u9fff]{2,6}："  # a table row is no title
    r"|^首页\s*[>＞»›]"  # a web page's breadcrumb (首页 > 政务公开 > …), printed above its title
    r"|[\s　](?:编|主编|编著|编写|编印|整理)$"  # a book's credit line (…法制工作委员会　编)
)
_MAX_TITLE_LINES = 3
# A line that opens the body (一、 （一） 1. 第一章) is never part of the title.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
    r"|附件\d{0,2}(?![:：\d])|第[一二三四五六七八九十百零〇\d]+[编章节条])"
)


# An office's table of a regulation's articles (a register: 《X办法》条款梳理表, X条例条文
# 对照表) is that regulation's text, titled by it.
_LISTED = re.compile(rf"《?(?P<title>[^《》]{{4,60}}?(?:{'|'.join(_KINDS)}))》?[^《》]{{0,6}}表")


def _first_line_title(text: str) -> str:
    """The title: the first line, and the lines it wraps onto (a centred 公文 title often
    breaks in two), up to a blank line, a document number or a sentence."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if lines:
                break
            continue
        titled = len(line) <= 60 and "。" not in line and not _TITLE_END.search(line)
        if not titled or len(lines) == _MAX_TITLE_LINES or _HEADING.match(line):
            break
        lines.append(line)
    return "".join(lines) if sum(map(len, lines)) <= 80 else (lines[0] if lines else "")


def _titled_line(text: str) -> str:
    """A line near the top that names a document's kind (沅水市城市河道垂钓管理规定), where
    the first line does not: a social-media post or a web page opens with its own words."""
    for raw in text.splitlines()[:_TITLE_SEARCH_LINES]:
        line = raw.strip()
        if line and len(line) <= 60 and "。" not in line and "，" not in line and kind_of(line):
            return line
    return ""


def read_overrides(folder: Path) -> dict[str, dict[str, str]]:
    """The fields set on each upload of ``folder``, by document id."""
    path = folder / OVERRIDES_FILE
    if not path.is_file():
        return {}
    data: dict[str, dict[str, str]] = json.loads(path.read_text("utf-8"))
    return data


def write_overrides(folder: Path, overrides: dict[str, dict[str, str]]) -> None:
    """Replace the overrides file atomically: a reader sees the old one or the new one."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{OVERRIDES_FILE}.tmp"
    tmp.write_text(json.dumps(overrides, ensure_ascii=False, indent=2), "utf-8")
    os.replace(tmp, folder / OVERRIDES_FILE)
