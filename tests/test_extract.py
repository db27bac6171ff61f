from __future__ import annotations

import pytest

from policyqa.documents import load_file
from policyqa.extract import find_deadlines, find_targets
from policyqa.library import Library, build_library
from policyqa.structure import Clause, parse_document
from policyqa.tasks import extract_tasks
from tests.conftest import FIXTURES

ENV = "市生态环境局"
BT_LOCAL = ("各旗县区政府", "稀土高新区管委会")
LYG_LOCAL = ("各县区人民政府", "功能板块管委会")

# Written by hand from reading the two plans: clause -> (lead, departments, deadlines).
GOLDEN: dict[str, tuple[list[str], list[str], list[str]]] = {
    "baotou/二/（一）/1": ([], [ENV], ["2023-12-31"]),
    "baotou/二/（一）/2": ([], [ENV], []),
    "baotou/二/（一）/3": ([], [ENV, "市卫健委"], []),
    "baotou/二/（一）/4": (
        [ENV],
        [ENV, "市工信局", "市农牧局", "市卫健委", "市市场监管局", "包头海关"],
        [],
    ),
    "baotou/二/（二）/5": ([], [ENV], []),
    "baotou/二/（二）/6": (
        [],
        ["市工信局", ENV, "市农牧局", "市应急管理局", "市市场监管局", "包头海关"],
        [],
    ),
    "baotou/二/（二）/7": ([], [ENV, "市商务局", "包头海关"], []),
    "baotou/二/（二）/8": ([], ["市市场监管局"], []),
    "baotou/二/（三）/9": (
        [],
        ["市发改委", "市工信局", ENV, "市住建局", "市城管局", "市市场监管局", "各工业园区管委会"],
        [],
    ),
    "baotou/二/（三）/10": ([], ["市农牧局", "市卫健委", "市市场监管局"], ["2025-12-31"]),
    "baotou/二/（三）/11": ([], [ENV, "市农牧局", "市供销社"], ["2025-12-31"]),
    "baotou/二/（四）/12": ([], [ENV], []),
    "baotou/二/（四）/13": ([], [ENV, "市农牧局"], []),
    "baotou/二/（四）/14": ([], ["市工信局", ENV], []),
    "baotou/二/（五）/15": ([], ["市科技局", ENV, "市卫健委"], []),
    "baotou/二/（五）/16": ([], [ENV, "市卫健委"], []),
    "baotou/三/（一）": ([ENV], [ENV], []),
    "baotou/三/（二）": ([], [ENV, "市农牧局", "市市场监管局", "包头海关"], []),
    "baotou/三/（三）": ([], ["市财政局", "市税务局", "市金融办", "包头银保监分局"], []),
    "baotou/三/（四）": ([ENV], [ENV], []),
    "lianyungang/（一）/1": (
        [ENV],
        [
            ENV,
            "市发改委",
            "市科技局",
            "市工信局",
            "市财政局",
            "市住建局",
            "市城管局",
            "市农业农村局",
            "市商务局",
            "市卫健委",
            "市市场监管局",
            "连云港海关",
        ],
        [],
    ),
    "lianyungang/（二）/3": ([], [ENV], ["2023-12-31"]),
    "lianyungang/（二）/7": (
        [],
        ["市发改委", "市工信局", ENV, "市农业农村局", "市商务局", "市市场监管局", "连云港海关"],
        [],
    ),
    "lianyungang/（二）/8": (
        [],
        ["市工信局", ENV, "市住建局", "市农业农村局", "市市场监管局"],
        [],
    ),
    "lianyungang/（四）/9": (
        [],
        ["市发改委", "市工信局", ENV, "市住建局", "市农业农村局", "市卫健委", "市市场监管局"],
        [],
    ),
    "lianyungang/（五）/12": ([], [ENV, "市农业农村局"], []),
    "lianyungang/（五）/13": ([], ["市工信局", ENV], []),
    "lianyungang/（六）/14": ([], ["市科技局", ENV, "市卫健委"], []),
    "lianyungang/（六）/15": ([], [ENV, "市卫健委", "市农业农村局", "市市场监管局"], []),
}


def test_every_task_of_both_plans_is_found(library: Library) -> None:
    assert [t.clause.id for t in library.tasks] == list(GOLDEN)


@pytest.mark.parametrize("clause_id", list(GOLDEN))
def test_lead_departments_and_deadlines_match_golden_table(
    library: Library, clause_id: str
) -> None:
    lead, departments, deadlines = GOLDEN[clause_id]
    task = library.task(clause_id)
    assert task is not None
    assert [m.name for m in task.responsibility.lead] == lead
    assert list(task.responsibility.departments) == departments
    assert [d.date for d in task.deadlines] == deadlines
    local = BT_LOCAL if clause_id.startswith("baotou") else LYG_LOCAL
    assert task.implementers == local


def test_mentions_point_at_the_surface_form_in_the_source(library: Library) -> None:
    text = library.document("baotou").text
    note = library.task("baotou/二/（一）/4")
    assert note is not None
    by_name = {m.name: m for m in note.responsibility.shared}
    assert by_name["市农牧局"].surface == "农牧局"
    mention = by_name["市市场监管局"]
    assert text[mention.start : mention.end] == "市场监管局"


def test_typos_in_lianyungang_resolve_to_canonical_name(library: Library) -> None:
    task3 = library.task("lianyungang/（二）/3")
    task15 = library.task("lianyungang/（六）/15")
    assert task3 is not None and task15 is not None
    assert task3.responsibility.responsible[0].surface == "市生态环境"
    assert task15.responsibility.shared[0].surface == "市生环境局"
    assert task15.responsibility.shared[0].name == ENV


def test_inherited_implementers_point_to_the_sentence_that_says_so(library: Library) -> None:
    first = library.task("baotou/二/（一）/1")
    later = library.task("baotou/二/（四）/12")
    assert first is not None and later is not None
    assert first.inherited_from is None
    assert [m.name for m in first.responsibility.implementers] == list(BT_LOCAL)
    pointer = later.inherited_from
    assert pointer is not None and pointer.clause_id == "baotou/二/（一）/1"
    source = library.document("baotou").text[pointer.start : pointer.end]
    assert source == "以下均需各旗县区政府、稀土高新区管委会落实，不再列出"


def test_shared_note_drops_generic_others(library: Library) -> None:
    task = library.task("baotou/三/（一）")
    assert task is not None
    assert task.responsibility.others_included
    assert "各有关部门单位" not in task.responsibility.departments


def test_targets_of_baotou(library: Library) -> None:
    task10, task11 = library.task("baotou/二/（三）/10"), library.task("baotou/二/（三）/11")
    assert task10 is not None and task11 is not None
    (residue,) = task10.targets
    assert (residue.value, residue.unit, residue.comparator, residue.year) == (98, "%", ">=", 2025)
    assert residue.text == "畜禽产品兽用抗菌药残留检测合格率达到98%"
    (recycling,) = task11.targets
    assert (recycling.value, recycling.comparator) == (80, ">=")
    assert recycling.text.endswith("回收率达到80%以上")


def test_deadline_attached_to_the_sentence_it_governs(library: Library) -> None:
    task = library.task("baotou/二/（一）/1")
    assert task is not None
    (deadline,) = task.deadlines
    assert deadline.text == "到2023年年底"
    assert deadline.sentence.startswith("到2023年年底，完成包头市首轮化学物质基本信息调查")
    assert "年度" not in deadline.text  # 完成2023年度…统计 is a period, not a deadline


def _clause(text: str) -> Clause:
    return Clause("t/1", "t", 3, "1", "", ("1",), ("1．",), text, 100, 100 + len(text))


@pytest.mark.parametrize(
    ("text", "date", "recurring"),
    [
        ("到2023年年底，完成调查。", "2023-12-31", False),
        ("2023年底前完成。", "2023-12-31", False),
        ("到2025年，达到要求。", "2025-12-31", False),
        ("2024年6月底前完成。", "2024-06-30", False),
        ("2024年2月底前完成。", "2024-02-29", False),
        ("2025年12月31日前完成。", "2025-12-31", False),
        ("每年3月31日前报送。", "--03-31", True),
        ("建立机制。（长期坚持）", None, True),
    ],
)
def test_deadline_forms(text: str, date: str | None, recurring: bool) -> None:
    (deadline,) = find_deadlines(_clause(text))
    assert (deadline.date, deadline.recurring) == (date, recurring)
    assert deadline.start >= 100  # offsets are absolute, not clause-relative


@pytest.mark.parametrize("text", ["《清单（2023年版）》", "完成2023年度统计", "国办发〔2022〕15号"])
def test_dates_that_are_not_deadlines(text: str) -> None:
    assert find_deadlines(_clause(text)) == ()


def test_reduction_target() -> None:
    (target,) = find_targets(_clause("排放总量下降10%以上。"))
    assert (target.value, target.unit, target.comparator) == (10, "%", ">=")


def test_variant_plan_parses_with_no_code_change() -> None:
    document = load_file(FIXTURES / "halfwidth-runin.txt")
    tasks = {t.clause.id: t for t in extract_tasks(parse_document("v", document.text))}
    first = tasks["v/一/（一）/1"].responsibility
    assert [m.name for m in first.lead] == [ENV]
    assert [m.name for m in first.cooperating] == ["市工信局", "市卫健委"]  # full names
    second = tasks["v/一/（一）/2"]
    assert [d.date for d in second.deadlines] == ["--03-31"]
    third = tasks["v/一/（二）/3"].responsibility  # a 责任单位： line with （牵头）
    assert [m.name for m in third.lead] == ["市发改委"]
    assert list(third.departments) == ["市发改委", "市商务局"]
    local = tasks["v/一/（二）/3/（1）"]
    assert local.implementers == ("各区人民政府",)


def test_obligations_name_actor_and_industry(library: Library) -> None:
    chemical = library.find_obligations(industry="化工")
    assert any(o.clause_id == "lianyungang/（五）/13" for o in chemical)
    duties = [o for o in library.obligations if o.clause_id == "lianyungang/（五）/12"]
    assert {o.actor for o in duties} >= {"企事业单位", "土壤污染重点监管单位"}
    permit = next(o for o in library.obligations if "排污许可证" in o.action)
    assert permit.kind == "duty"
    text = library.document(permit.doc_id).text
    assert text[permit.start : permit.end] == permit.action


def test_library_builds_from_variant_files_too() -> None:
    document = load_file(FIXTURES / "halfwidth-runin.txt")
    library = build_library((document,))
    assert len(library.tasks) == 4
    assert library.find_tasks(dept="工业和信息化局")[0].clause.id.endswith("/1")
