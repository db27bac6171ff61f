"""Extraction on two real State Council documents, in hands other than the seed plans'.

Every golden row below was read off the text by hand (tests/fixtures/real/, copied from
../shared/real/): each task, its lead (written, or by the document's first-listed rule),
its departments as the document writes them, its implementers and its deadlines.
"""

from __future__ import annotations

import pytest

from policyqa.documents import load_file
from policyqa.library import Library, build_library
from tests.conftest import FIXTURES

REAL = FIXTURES / "real"
ZB = "zonghe-baoshuiqu-2019"
WF = "wufei-chengshi-pilot-2018"
HG, CZ, SW, SWB = "海关总署", "财政部", "税务总局", "商务部"
FG, GX, SJ = "发展改革委", "工业和信息化部", "市场监管总局"

# 综合保税区: items 1.–21.; no note says 牵头, but the first note rules
# 排在第一位的部门为牵头部门，下同. (lead, departments, vague parties named)
ZONGHE: dict[str, tuple[str, list[str], bool]] = {
    f"{ZB}/四/（一）/1": (SW, [SW, CZ, HG], False),
    f"{ZB}/四/（一）/2": (HG, [HG, CZ, SW], False),
    f"{ZB}/四/（一）/3": (HG, [HG, SWB], False),
    f"{ZB}/四/（一）/4": (SWB, [SWB, HG], False),
    f"{ZB}/四/（一）/5": (HG, [HG], False),
    f"{ZB}/四/（二）/6": (HG, [HG, SWB], True),
    f"{ZB}/四/（二）/7": (FG, [FG, "科技部", HG], False),
    f"{ZB}/四/（二）/8": (SJ, [SJ, HG], False),
    f"{ZB}/四/（二）/9": ("药监局", ["药监局", HG], False),
    f"{ZB}/四/（三）/10": (HG, [HG], False),
    f"{ZB}/四/（三）/11": (HG, [HG], False),
    f"{ZB}/四/（三）/12": (FG, [FG, HG], False),
    f"{ZB}/四/（三）/13": (HG, [HG, "文化和旅游部", "文物局"], False),
    f"{ZB}/四/（四）/14": (SWB, [SWB, GX, "生态环境部", HG], False),
    f"{ZB}/四/（四）/15": (SWB, [SWB, FG, GX, HG], False),
    f"{ZB}/四/（四）/16": (HG, [HG], False),
    f"{ZB}/四/（五）/17": (HG, [HG, CZ, SW], False),
    f"{ZB}/四/（五）/18": (SWB, [SWB, HG], True),
    f"{ZB}/四/（五）/19": (HG, [HG, CZ, SWB], False),
    f"{ZB}/四/（五）/20": (HG, [HG, "证监会"], False),
    f"{ZB}/四/（五）/21": (HG, [HG, SWB], True),
}

ST = "生态环境部"
NF = "国家发展改革委"
ZJ = "住房城乡建设部"
NY = "农业农村部"
CITY = ("试点城市政府",)

# 无废城市: the tasks are the unnumbered paragraphs of 二（一）–（六）; a paragraph may
# carry several notes, and the task's roles are their union. Only one note says 牵头.
# The note of 二（一）'s second paragraph rules 以下均需试点城市政府落实，不再列出.
# (lead, departments in order of first mention, implementers, deadlines)
WUFEI: dict[str, tuple[list[str], list[str], tuple[str, ...], list[str]]] = {
    f"{WF}/二/（一）/段1": (
        [ST],
        [ST, NF, GX, ZJ, NY, "国家统计局"],
        (),
        ["2019-06-30"],
    ),
    f"{WF}/二/（一）/段2": ([], [ST], CITY, []),
    f"{WF}/二/（一）/段3": (
        [],
        [ST, NF, GX, CZ, "自然资源部", ZJ, NY, SWB, "国家卫生健康委", "国家统计局"],
        CITY,
        [],
    ),
    f"{WF}/二/（一）/段4": ([], [NF, GX, "自然资源部", ST, ZJ, NY, SWB], CITY, []),
    f"{WF}/二/（二）/段1": ([], ["自然资源部", GX], CITY, ["2020-12-31"]),
    f"{WF}/二/（二）/段2": ([], [GX, SWB, ST, NF, SJ], CITY, ["2020-12-31"]),
    f"{WF}/二/（二）/段3": ([], [SJ, GX], CITY, []),
    f"{WF}/二/（二）/段4": ([], [ST, GX], CITY, []),
    f"{WF}/二/（三）/段1": ([], [NY], CITY, ["2020-12-31"]),
    f"{WF}/二/（三）/段2": ([], [NF, NY], CITY, ["2020-12-31"]),
    f"{WF}/二/（三）/段3": ([], [NY, SJ, ST, CZ], CITY, ["2020-12-31"]),
    f"{WF}/二/（四）/段1": (
        [],
        [ST, ZJ, NF, SWB, "国家邮政局", SJ, "文化和旅游部", "国管局"],
        CITY,
        ["2020-12-31"],
    ),
    f"{WF}/二/（四）/段2": ([], [NF, ZJ, ST, SWB, "国管局"], CITY, []),
    f"{WF}/二/（四）/段3": ([], [ZJ, NF, GX], CITY, []),
    f"{WF}/二/（五）/段1": ([], [ST], CITY, []),
    f"{WF}/二/（五）/段2": ([], [ST, "交通运输部", "国家卫生健康委"], CITY, []),
    f"{WF}/二/（五）/段3": ([], [ST, SJ], CITY, []),
    f"{WF}/二/（六）/段1": (
        [],
        [ST, NF, "人民银行", "银保监会", CZ, SW, GX, NY, ZJ, SJ, "国管局"],
        CITY,
        ["2020-12-31"],
    ),
    f"{WF}/二/（六）/段2": ([], [SWB, "供销合作总社", ST], CITY, []),
    f"{WF}/二/（六）/段3": ([], [GX, CZ, NF, ST], CITY, []),
}


@pytest.fixture(scope="module")
def zonghe() -> Library:
    return build_library((load_file(REAL / f"{ZB}.txt"),))


@pytest.fixture(scope="module")
def wufei() -> Library:
    return build_library((load_file(REAL / f"{WF}.txt"),))


def test_every_numbered_task_of_the_guideline_is_found(zonghe: Library) -> None:
    assert [t.clause.id for t in zonghe.tasks] == list(ZONGHE)


@pytest.mark.parametrize("clause_id", list(ZONGHE))
def test_first_listed_department_leads_by_the_documents_rule(
    zonghe: Library, clause_id: str
) -> None:
    lead, departments, vague = ZONGHE[clause_id]
    task = zonghe.task(clause_id)
    assert task is not None
    note = task.responsibility
    assert [m.name for m in note.lead] == [lead]
    assert list(note.departments) == departments
    assert note.others_included == vague
    assert task.implementers == () and task.deadlines == ()
    # The lead was not written in this note: it comes from the rule, which is cited.
    rule = task.lead_rule
    assert rule is not None and rule.clause_id == f"{ZB}/四/（一）/1"
    text = zonghe.document(ZB).text
    assert text[rule.start : rule.end] == "排在第一位的部门为牵头部门，下同"


def test_every_paragraph_task_of_the_pilot_plan_is_found(wufei: Library) -> None:
    assert [t.clause.id for t in wufei.tasks] == list(WUFEI)


@pytest.mark.parametrize("clause_id", list(WUFEI))
def test_paragraph_tasks_union_their_notes(wufei: Library, clause_id: str) -> None:
    lead, departments, implementers, deadlines = WUFEI[clause_id]
    task = wufei.task(clause_id)
    assert task is not None
    assert [m.name for m in task.responsibility.lead] == lead
    assert list(task.responsibility.departments) == departments
    assert task.implementers == implementers
    assert [d.date for d in task.deadlines] == deadlines
    assert task.lead_rule is None


def test_each_note_covers_the_sentences_before_it(wufei: Library) -> None:
    text = wufei.document(WF).text
    task = wufei.task(f"{WF}/二/（二）/段3")
    assert task is not None
    first, second = task.notes
    assert text[first.start : first.end] == "市场监管总局、工业和信息化部负责"
    assert text[first.covers_start : first.covers_end].startswith("健全标准体系")
    assert text[first.covers_start : first.covers_end].endswith("产品技术标准。")
    assert [m.name for m in first.responsible] == [SJ, GX]
    assert text[second.covers_start : second.covers_end].startswith("推广一批先进适用技术装备")
    assert [m.name for m in second.guiding] == [GX]


def test_roles_guiding_and_participating_are_kept_apart(wufei: Library) -> None:
    task = wufei.task(f"{WF}/二/（六）/段2")
    assert task is not None
    note = task.responsibility
    assert [m.name for m in note.guiding] == [SWB, ST]
    assert [m.name for m in note.cooperating] == ["供销合作总社"]
    first = wufei.task(f"{WF}/二/（一）/段1")
    assert first is not None
    assert [m.name for m in first.responsibility.cooperating][:2] == [NF, GX]


def test_half_width_notes_are_read(wufei: Library) -> None:
    task = wufei.task(f"{WF}/二/（六）/段1")
    assert task is not None
    assert len(task.notes) == 7
    assert task.notes[-1].note.startswith("国家发展改革委、工业和信息化部")


def test_inherited_implementers_point_to_their_rule(wufei: Library) -> None:
    task = wufei.task(f"{WF}/二/（三）/段1")
    assert task is not None and task.inherited_from is not None
    text = wufei.document(WF).text
    pointer = task.inherited_from
    assert text[pointer.start : pointer.end] == "以下均需试点城市政府落实，不再列出"


def test_a_national_document_never_gains_a_city_prefix(wufei: Library, zonghe: Library) -> None:
    mentions = [
        m
        for lib in (wufei, zonghe)
        for t in lib.tasks
        for role in ("lead", "responsible", "guiding", "cooperating")
        for m in getattr(t.responsibility, role)
    ]
    assert mentions and all(m.name == m.surface for m in mentions)
    names = {m.name for m in mentions}
    assert "发展改革委" in names and "国家发展改革委" in names  # each as its document writes it
    assert not {"市发改委", "市发展改革委"} & names


def test_paragraph_task_is_a_clause_of_its_own(wufei: Library) -> None:
    task = wufei.task(f"{WF}/二/（一）/段2")
    assert task is not None
    clause = wufei.clause(task.clause.id)
    assert clause.text.startswith("优化固体废物管理体制机制")
    assert clause.breadcrumb[-1] == "优化固体废物管理体制机制，强化部门分工协作"
    assert wufei.document(WF).text[clause.start : clause.end] == clause.text
    # The heading run into the first paragraph is split off it.
    first = wufei.clause(f"{WF}/二/（一）/段1")
    assert first.text.startswith("建立“无废城市”建设指标体系")


# Two documents written by hand in the other forms the genre uses. Their golden rows
# follow from their text as written above each table.
FORMS = FIXTURES / "forms"
LN = "labelled-notes"
ORG, HR, CZJ = "市委组织部", "市人力资源和社会保障局", "市财政局"
DISTRICTS = ("各区、县级市",)
COUNTIES = ("各县（市、区）人民政府",)

# 牵头单位：…，配合单位：…，各区、县级市 — the districts are one implementer; a 配合 group
# may hold only districts or only 各有关单位; the 责任单位 note carries an inheritance.
# (lead, departments, cooperating, implementers, deadlines, vague)
LABELLED: dict[str, tuple[list[str], list[str], list[str], tuple[str, ...], list[str], bool]] = {
    f"{LN}/一/（一）/1": ([ORG], [ORG, HR, CZJ], [HR, CZJ], DISTRICTS, ["2024-12-31"], False),
    f"{LN}/一/（一）/2": ([HR], [HR], [], DISTRICTS, ["2025-12-31"], False),
    f"{LN}/一/（一）/3": (
        ["市发改委"],
        ["市发改委", ORG, HR],
        [ORG, HR],
        DISTRICTS,
        ["--03-31"],
        False,
    ),
    f"{LN}/一/（二）/4": (["市科技局"], ["市科技局"], [], (), [], True),
    f"{LN}/一/（二）/5": (
        [],
        ["市住建局", CZJ, "市自然资源和规划局"],
        [CZJ, "市自然资源和规划局"],
        COUNTIES,
        ["2025-12-31"],
        False,
    ),
    f"{LN}/一/（二）/6": ([HR, CZJ], [HR, CZJ, "市税务局"], ["市税务局"], COUNTIES, [], False),
    f"{LN}/一/（三）/7": (
        [ORG],
        [ORG, "市教育局", "市卫健委"],
        ["市教育局", "市卫健委"],
        COUNTIES,
        ["2026-12-31"],
        False,
    ),
    f"{LN}/一/（三）/8": (["市委宣传部"], ["市委宣传部", ORG], [ORG], COUNTIES, [], False),
}


def test_labelled_notes_with_districts_and_vague_parties() -> None:
    library = build_library((load_file(FORMS / "labelled-notes-plan.txt"),))
    assert [t.clause.id for t in library.tasks] == list(LABELLED)
    for task in library.tasks:
        lead, departments, cooperating, implementers, deadlines, vague = LABELLED[task.clause.id]
        note = task.responsibility
        row = (
            [m.name for m in note.lead],
            list(note.departments),
            [m.name for m in note.cooperating],
            task.implementers,
            [d.date for d in task.deadlines],
            note.others_included,
        )
        assert row == LABELLED[task.clause.id], task.clause.id
        assert task.lead_rule is None


JG = "joint-lead-guideline"
FGW, GXT = "省发展改革委", "省工业和信息化厅"
# A provincial guideline whose tasks are （三）…（二十）, with joint leads (X、Y牵头负责,
# 共同牵头), a note naming no department (各省级有关部门) and one naming only local
# governments. Names keep their 省. (lead, departments, implementers)
JOINT: dict[str, tuple[list[str], list[str], tuple[str, ...]]] = {
    f"{JG}/二/（三）": (["省通信管理局", FGW], ["省通信管理局", FGW, GXT], ()),
    f"{JG}/二/（四）": ([GXT], [GXT, "省科技厅", "省商务厅"], ()),
    f"{JG}/二/（五）": ([], ["省商务厅", FGW], ()),
    f"{JG}/二/（六）": (["省数据局"], ["省数据局", "省财政厅", "省市场监督管理局"], ()),
    f"{JG}/二/（七）": (
        ["省人力资源和社会保障厅", "省教育厅"],
        ["省人力资源和社会保障厅", "省教育厅"],
        ("各市、县人民政府",),
    ),
    f"{JG}/二/（八）": ([], ["省委网信办"], ()),
    f"{JG}/二/（九）": ([], [], ()),
    f"{JG}/二/（十）": ([], ["省统计局"], ()),
    f"{JG}/二/（十一）": ([], ["省财政厅"], ()),
    f"{JG}/二/（十二）": ([], ["省市场监督管理局", FGW], ()),
    f"{JG}/二/（十三）": ([], ["省商务厅", "省外办"], ()),
    f"{JG}/二/（十四）": ([], ["省生态环境厅", FGW], ()),
    f"{JG}/二/（十五）": ([], ["省政务服务办"], ()),
    f"{JG}/二/（十六）": ([], ["省委宣传部"], ()),
    f"{JG}/二/（十七）": ([], ["省司法厅"], ()),
    f"{JG}/二/（十八）": ([FGW], [FGW, "省统计局"], ()),
    f"{JG}/二/（十九）": ([FGW, GXT], [FGW, GXT], ()),
    f"{JG}/二/（二十）": ([], [], ("各市、县人民政府",)),
}


def test_guideline_from_three_to_twenty_with_joint_leads() -> None:
    library = build_library((load_file(FORMS / "joint-lead-guideline.txt"),))
    assert [t.clause.id for t in library.tasks] == list(JOINT)
    for task in library.tasks:
        row = (
            [m.name for m in task.responsibility.lead],
            list(task.responsibility.departments),
            task.implementers,
        )
        assert row == JOINT[task.clause.id], task.clause.id
    vague = library.task(f"{JG}/二/（九）")
    assert vague is not None and vague.responsibility.others_included
    # The note that names nobody is reported, with its clause id; nothing is dropped.
    assert any(w.startswith(f"{JG}/二/（九）: note names no department") for w in library.warnings)
    deadline = library.task(f"{JG}/二/（三）")
    assert deadline is not None and [d.date for d in deadline.deadlines] == ["2025-12-31"]


@pytest.mark.parametrize(
    "rule",
    [
        "排在第一位的部门为牵头部门，下同",
        "列第一位者为牵头单位，下同",
        "排在首位的为牵头部门，以下同",
        "牵头单位为排在第一位的部门，下同",
    ],
)
def test_first_listed_rule_in_its_other_wordings(rule: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "guideline.txt"
    path.write_text(
        "国务院关于推进某项工作的意见\n一、重点任务\n"
        f"1.甲任务。做甲。（财政部、商务部负责，{rule}）\n"
        "2.乙任务。做乙。（商务部、海关总署负责）\n",
        "utf-8",
    )
    library = build_library((load_file(path),))
    leads = [[m.name for m in t.responsibility.lead] for t in library.tasks]
    assert leads == [["财政部"], ["商务部"]]
    assert all(t.lead_rule is not None and t.lead_rule.text == rule for t in library.tasks)
