from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policyqa.cli import main
from policyqa.pipeline import Pipeline


def quotes_match(pipeline: Pipeline, answer) -> bool:  # type: ignore[no-untyped-def]
    return all(
        pipeline.library.document(c.doc_id).text[c.start : c.end] == c.quote
        for c in answer.citations
    )


def test_lead_answer_names_lead_and_cites_the_note(indexed: Pipeline) -> None:
    answer = indexed.ask("哪个部门牵头落实新污染物管控措施？")
    assert answer.status == "answered"
    assert answer.facts.lead == ("市生态环境局",)
    assert answer.text.startswith(
        "根据《包头市新污染物治理工作实施方案》二、（一）4．落实新污染物管控措施"
    )
    assert "包头海关" in answer.facts.departments
    assert answer.citations[0].clause_id == "baotou/二/（一）/4"
    assert quotes_match(indexed, answer)


def test_deadline_question_without_city_answers_per_city(indexed: Pipeline) -> None:
    answer = indexed.ask("首轮化学物质调查什么时候完成？")
    assert answer.facts.deadlines == ("2023-12-31",)
    assert {c.doc_id for c in answer.citations} == {"baotou", "lianyungang"}
    assert "到2023年年底" in answer.text and "2023年底前" in answer.text


def test_target_quotes_the_governing_sentence(indexed: Pipeline) -> None:
    answer = indexed.ask("包头农药包装废弃物回收率要达到多少？")
    assert answer.facts.targets == ("80%",)
    assert "到2025年，农药包装废弃物回收率达到80%以上。" in answer.citations[0].quote


def test_enterprise_gets_a_checklist_with_clause_deadline_and_department(
    indexed: Pipeline,
) -> None:
    answer = indexed.ask("我是一家排放重点管控新污染物的化工企业，需要做什么？")
    assert answer.intent == "obligation"
    lines = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert len(lines) >= 3
    assert all("时限：" in line and "主管部门：" in line for line in lines)
    assert quotes_match(indexed, answer)


def test_comparison_is_a_per_city_table(indexed: Pipeline) -> None:
    answer = indexed.ask("包头和连云港在清洁生产上的责任部门有什么不同？")
    assert answer.text.startswith("| 城市 | 条款 | 责任部门 |")
    assert "仅连云港市列出：市农业农村局、市卫健委。" in answer.text
    assert {c.clause_id for c in answer.citations} == {"baotou/二/（三）/9", "lianyungang/（四）/9"}


@pytest.mark.parametrize(
    "question",
    [
        "包头市生态环境局局长是谁？",
        "北京市新污染物治理方案由谁牵头？",
        "连云港农药包装废弃物回收率目标是多少？",
        "包头2030年的新污染物治理目标是什么？",
    ],
)
def test_not_found_names_no_department_or_number(indexed: Pipeline, question: str) -> None:
    answer = indexed.ask(question)
    assert answer.status == "not_found"
    assert answer.text.startswith(("文件中未找到相关规定", "已收录的文件不包括"))
    assert "可能相关" in answer.text
    assert answer.facts.lead == answer.facts.departments == answer.facts.targets == ()
    assert "局" not in answer.text.split("可能相关")[0]


def test_out_of_scope_is_polite_and_says_what_it_can_do(indexed: Pipeline) -> None:
    answer = indexed.ask("给我写一首关于环保的诗")
    assert answer.status == "out_of_scope" and "例如" in answer.text and not answer.citations


def test_follow_ups_resolve_topic_and_city(indexed: Pipeline) -> None:
    first = indexed.ask("包头兽用抗菌药残留检测合格率目标是多少？")
    then = indexed.ask("那截止时间呢？", first.session_id)
    assert then.facts.deadlines == ("2025-12-31",)
    assert then.citations[0].clause_id == "baotou/二/（三）/10"
    who = indexed.ask("包头清洁生产由哪些部门负责？")
    other = indexed.ask("连云港呢？", who.session_id)
    assert other.citations[0].clause_id == "lianyungang/（四）/9"
    assert "市卫健委" in other.facts.departments


def test_ask_json_follows_the_answer_contract(indexed: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POLICYQA_INDEX_DIR", str(indexed.settings.index_dir))
    result = CliRunner().invoke(main, ["ask", "包头新化学物质环境管理登记谁负责？", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) == {"question", "status", "answer", "citations", "facts", "session_id"}
    assert set(record["facts"]) == {"lead", "departments", "deadlines", "targets", "tasks"}
    citation = record["citations"][0]
    assert set(citation) == {
        "n",
        "doc_id",
        "title",
        "breadcrumb",
        "clause_id",
        "quote",
        "start",
        "end",
    }
    result = CliRunner().invoke(main, ["ask", " "])
    assert result.exit_code == 2 and "问题不能为空" in result.stderr


def test_search_cli_shows_fused_and_component_ranks(indexed: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POLICYQA_INDEX_DIR", str(indexed.settings.index_dir))
    runner = CliRunner()
    result = runner.invoke(main, ["search", "农药包装废弃物回收率", "-k", "3", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and hits[0]["clause_id"] == "baotou/二/（三）/11"
    assert hits[0]["sparse_rank"] is not None
    table = runner.invoke(main, ["search", "消防泡沫怎么处理", "--doc", "lianyungang"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].startswith("1. [lianyungang/") and "dense=" in lines[0]
    bad = runner.invoke(main, ["search", "消防泡沫", "--doc", "beijing"])
    assert bad.exit_code == 2 and "未知文件" in bad.stderr
    bm25 = runner.invoke(main, ["search", "消防泡沫", "--method", "bm25", "--json"])
    assert all(h["dense_rank"] is None for h in json.loads(bm25.stdout))


def test_chat_cli_answers_follow_ups_until_exit(indexed: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POLICYQA_INDEX_DIR", str(indexed.settings.index_dir))
    typed = "包头清洁生产由哪些部门负责？\n\n连云港呢？\n" + "长" * 501 + "\nexit\n"
    result = CliRunner().invoke(main, ["chat"], input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # The follow-up is answered from the same session: Lianyungang's clean-production task.
    assert "包头市新污染物治理工作实施方案" in out
    assert "] 包头方案 › " in out and "] baotou" not in out  # citations by short title
    assert "连云港市新污染物治理工作方案》（四）9．强化清洁生产和绿色制造" in out
    assert "问题过长" in result.stderr  # an over-long question is refused, the chat goes on
    assert out.count("问> ") == 5


def test_a_departments_tasks_come_from_the_records_complete_and_cited(indexed: Pipeline) -> None:
    answer = indexed.ask("包头市市场监管局在方案中负责哪些任务？")
    # Read off the plan: every Baotou note naming 市场监管局 (see test_extract's table).
    assert answer.clause_ids == (
        "baotou/二/（一）/4",
        "baotou/二/（二）/6",
        "baotou/二/（二）/8",
        "baotou/二/（三）/9",
        "baotou/二/（三）/10",
        "baotou/三/（二）",
    )
    assert "共 6 条" in answer.text and not answer.dropped
    assert "3. 二、（二）8．严格产品中的重点管控新污染物含量控制：市市场监管局负责。" in answer.text
    assert all("市场监管局" in c.quote for c in answer.citations)


def test_lead_view_says_when_a_department_leads_nothing(indexed: Pipeline) -> None:
    answer = indexed.ask("市场监督管理局牵头哪些任务？")
    assert answer.text.startswith("文件中没有写明由该部门牵头的任务")
    led = indexed.ask("市生态环境局牵头哪些任务？")
    assert set(led.clause_ids) == {
        "baotou/二/（一）/4",
        "baotou/三/（一）",
        "baotou/三/（四）",
        "lianyungang/（一）/1",
    }


def test_what_is_due_by_a_year_comes_from_every_deadline(indexed: Pipeline) -> None:
    answer = indexed.ask("包头到2025年要完成哪些任务？")
    assert answer.clause_ids == (
        "baotou/二/（一）/1",
        "baotou/二/（三）/10",
        "baotou/二/（三）/11",
    )
    assert answer.facts.deadlines == ("2023-12-31", "2025-12-31")
    assert "（到2023年年底）" in answer.text and not answer.dropped


def test_due_window_reads_this_and_next_year_from_today() -> None:
    from datetime import date

    from policyqa.compose.listing import due_window

    today = date(2024, 5, 1)
    assert due_window("今年要完成哪些？", today) == (date(2024, 1, 1), date(2024, 12, 31))
    assert due_window("明年到期的任务", today) == (date(2025, 1, 1), date(2025, 12, 31))
    assert due_window("到2025年要完成哪些", today) == (date.min, date(2025, 12, 31))


def test_task_count_counts_what_the_text_numbers(indexed: Pipeline) -> None:
    answer = indexed.ask("包头方案一共有几项任务？")
    assert "列有16项任务" in answer.text and not answer.dropped
    assert answer.citations[0].quote.startswith("16．")
    partial = indexed.ask("连云港方案一共有几项任务？")
    assert "该文本不完整" in partial.text


def test_implementers_get_the_rule_that_covers_every_later_task(indexed: Pipeline) -> None:
    answer = indexed.ask("各旗县区政府承担什么责任？")
    rule = "以下均需各旗县区政府、稀土高新区管委会落实，不再列出"
    assert answer.citations[0].quote == rule
    # 16 tasks and 4 保障措施 items in Baotou; the rule sits in task 1 and covers the 19 after it.
    assert "这一规定适用于其后的全部 19 条任务" in answer.text and not answer.dropped
    # Only task 1 names them in its own note: that is the task listed.
    assert answer.facts.tasks == ("baotou/二/（一）/1",)
    asked_plainly = indexed.ask("各旗县区政府要做什么？")
    assert asked_plainly.facts.tasks == answer.facts.tasks
    assert asked_plainly.citations[0].quote == rule


def test_an_outline_question_lists_a_part_by_its_headings(indexed: Pipeline) -> None:
    for question in ("包头方案的保障措施有哪些？", "包头方案第三部分讲什么？"):
        answer = indexed.ask(question)
        assert answer.intent == "outline", question
        assert [c.quote for c in answer.citations] == [
            "（一）加强部门协作",
            "（二）强化监管执法",
            "（三）拓宽资金渠道",
            "（四）积极宣传引导",
        ]
        assert "“三、保障措施”部分共 4 条" in answer.text and not answer.dropped
    # A question about one measure is not an outline question.
    assert indexed.ask("包头的资金保障措施有哪些？").intent != "outline"


def test_a_window_may_end_in_a_year_the_plans_never_name(indexed: Pipeline) -> None:
    answer = indexed.ask("包头2024年底前要完成哪些工作？")
    assert answer.status == "answered"
    assert answer.facts.tasks == ("baotou/二/（一）/1",)


def test_a_partial_plan_is_counted_task_by_task_with_citations(indexed: Pipeline) -> None:
    answer = indexed.ask("连云港方案列了多少条任务？")
    assert answer.intent == "task_count" and "共列出 9 条任务" in answer.text
    assert len(answer.citations) == 9 and answer.citations[0].quote == "1．建立新污染物治理工作机制"
    assert "该文本不完整" in answer.text


def test_a_body_named_without_its_place_is_each_plans_own(indexed: Pipeline) -> None:
    answer = indexed.ask("包头和连云港的海关分别负责什么？")
    assert answer.facts.departments == ("包头海关", "连云港海关")
    lines = answer.text.splitlines()
    assert lines[2].startswith("| 包头市 | 4 |") and lines[3].startswith("| 连云港市 | 2 |")
    # A body named in full stays that body alone.
    assert indexed.ask("包头海关负责哪些任务？").facts.departments == ("包头海关",)


def test_a_question_in_two_parts_gets_both_answered_and_cited(indexed: Pipeline) -> None:
    answer = indexed.ask("消防部门库存的PFOS泡沫灭火剂要怎么处理？归哪些部门管？")
    assert "无害化销毁处置" in answer.text  # the how
    assert "市应急管理局" in answer.facts.departments  # and who
    assert answer.clause_ids[0] == "baotou/二/（二）/6" and not answer.dropped
    # Citations are renumbered across the parts: one quote, one number, in order.
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    both = indexed.ask("包头农药包装废弃物回收率要达到多少？什么时候完成？")
    assert both.facts.targets == ("80%",) and both.facts.deadlines == ("2025-12-31",)
    assert len(both.citations) == 1  # both parts quote the same sentence


def test_split_parts_keeps_one_question_whole() -> None:
    from policyqa.understand import split_parts

    assert split_parts("首轮化学物质调查什么时候完成、由谁负责？") == [
        "首轮化学物质调查什么时候完成",
        "由谁负责？",
    ]
    assert split_parts("哪个部门牵头落实新污染物管控措施？") == [
        "哪个部门牵头落实新污染物管控措施？"
    ]
    assert split_parts("包头和连云港有什么不同？") == ["包头和连云港有什么不同？"]


def test_a_department_across_plans_side_by_side(indexed: Pipeline) -> None:
    answer = indexed.ask("两市的市场监管局职责有什么不同？")
    lines = answer.text.splitlines()
    assert lines[0] == "| 城市 | 任务数 | 涉及的任务（角色） |"
    assert lines[2].startswith("| 包头市 | 6 |") and lines[3].startswith("| 连云港市 | 5 |")
    assert "二、（二）8．严格产品中的重点管控新污染物含量控制（负责）" in lines[2]
    assert len(answer.citations) == 11 and not answer.dropped
