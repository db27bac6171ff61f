from __future__ import annotations

import pytest

from policyqa.departments import default_table
from policyqa.grounding import claims_in, department_names, verify

NAMES = department_names(default_table(), ["各旗县区政府"])
QUOTE_NAMES = department_names(default_table(), ["各旗县区政府"], claims_only=False)
NOTE = "市生态环境局牵头，市工信局、农牧局、卫健委、市场监管局，包头海关等部门单位按职责分工负责"
GOAL = "到2025年，畜禽产品兽用抗菌药残留检测合格率达到98%。"


def check(text: str, quotes: dict[int, str]):  # type: ignore[no-untyped-def]
    return verify(text, quotes, NAMES, QUOTE_NAMES)


def test_right_answer_passes_with_abbreviated_list_in_the_quote() -> None:
    text = (
        "由市生态环境局牵头，市工信局、市农牧局、市卫健委、市市场监管局、包头海关"
        "按职责分工负责。[1]"
    )
    verdict = check(text, {1: NOTE})
    assert verdict.ok and verdict.text == text and verdict.claims == verdict.supported == 6


def test_wrong_department_is_dropped() -> None:
    verdict = check("由市财政局牵头。[1]", {1: NOTE})
    assert not verdict.ok and verdict.text == ""
    ((_, missing),) = verdict.dropped
    assert [c.value for c in missing] == ["市财政局"]


def test_partly_wrong_answer_keeps_only_supported_sentences() -> None:
    text = "合格率目标为98%。[1]到2026年完成。[1]牵头单位是市生态环境局。[2]"
    verdict = check(text, {1: GOAL, 2: NOTE})
    assert verdict.text == "合格率目标为98%。[1]牵头单位是市生态环境局。[2]"
    assert [c.value for _, claims in verdict.dropped for c in claims] == ["2026"]


def test_right_but_uncited_is_dropped() -> None:
    verdict = check("合格率要达到98%，到2025年。", {1: GOAL})
    assert verdict.text == "" and len(verdict.dropped) == 1


def test_claim_must_be_in_the_quote_its_own_sentence_cites() -> None:
    verdict = check("由市生态环境局牵头。[2]合格率98%。[1]", {1: NOTE, 2: GOAL})
    assert verdict.supported == 0


def test_typo_forms_in_the_source_support_the_canonical_name() -> None:
    assert check("由市生态环境局负责。[1]", {1: "（市生态环境负责）"}).ok
    assert check("市生态环境局、市卫健委按职责分工负责。[1]", {1: "市生环境局、市卫健委等"}).ok


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("到2023年年底完成。", [("date", "2023")]),
        ("2024年6月底前", [("date", "2024-06")]),
        ("回收率达到80%以上，20种化学物质", [("number", "80%"), ("number", "20种")]),
        ("二、（二）6．严格落实淘汰限用措施", []),  # section numbers are not claims
        ("切实保障生态环境安全", []),  # a topic, not a department
    ],
)
def test_claim_extraction(text: str, kinds: list[tuple[str, str]]) -> None:
    assert [(c.kind, c.value) for c in claims_in(text, NAMES)] == kinds


def test_year_end_quote_supports_december_date() -> None:
    assert check("时限为2023年12月31日。[1]", {1: "到2023年年底，完成调查"}).ok
    assert not check("时限为2023年6月30日。[1]", {1: "到2023年年底，完成调查"}).ok


def test_a_quote_holding_a_quote_keeps_its_citation() -> None:
    """“…“无废城市”建设…。”[1] is one sentence: its marker is not cut off its claims."""
    quote = "2019年6月底前，研究建立“无废城市”建设指标体系。"
    text = f"时限为“2019年6月底前”：“{quote}”[1]"
    verdict = verify(text, {1: quote}, NAMES, QUOTE_NAMES)
    assert verdict.ok and verdict.text == text


def test_a_number_is_found_whole_even_before_a_half_width_full_stop() -> None:
    # "3. 加强回收" states 3; "13." and "0.3" do not.
    assert check("共列有3项任务。[1]", {1: "3. 加强回收"}).ok
    assert not check("共列有3项任务。[1]", {1: "13. 加强回收"}).ok
    assert not check("共列有3项任务。[1]", {1: "回收率0.3以上"}).ok


def test_a_year_in_a_cited_title_is_no_claim() -> None:
    # 《…（2045年修订）》 names the document; the sentence states nothing of 2045.
    quote = "施工单位应当在施工三日前申请。"
    text = f"根据《某市夜间施工管理规定（2045年修订）》第五条：“{quote}”[1]"
    assert check(text, {1: quote}).ok
    assert not check("到2045年完成。[1]", {1: quote}).ok  # a year stated is still checked


def test_an_answer_nothing_of_which_stands_says_so() -> None:
    from policyqa.answer import NOT_FOUND_TEXT, Answer, Citation
    from policyqa.grounding import Verifier

    quote = "施工单位应当在施工三日前申请。"
    cited = Citation(1, "rules", "某市夜间施工管理规定", "第五条", "rules/第五条", quote, 0, 15)
    answer = Answer("多久前申请？", "answered", "由市财政局审批。[1]", (cited,))
    shown = Verifier(NAMES, QUOTE_NAMES).verified(answer)
    assert shown.status == "not_found" and shown.text.startswith(NOT_FOUND_TEXT)
    assert "《某市夜间施工管理规定》第五条[1]" in shown.text and shown.dropped
