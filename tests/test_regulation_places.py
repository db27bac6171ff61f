"""Regulations that name places by what is forbidden there (禁止吸烟场所): the name is a
noun, not a prohibition; the duty of the party a short name gives (场所管理者); a penalty
in such a place linked by its act; and askers' words on a smoking rule and a fishing ban."""

from __future__ import annotations

from tests.conftest import first_cited, regulations_fixture

SMOKING = "linyuan-smoking-control-regulation"
FISHING = "tongxi-fishing-ban-rules"


rules = regulations_fixture(SMOKING, FISHING)


def test_a_place_named_by_its_ban_is_no_prohibition(rules) -> None:  # type: ignore[no-untyped-def]
    duties = {(o.clause_id, o.actor, o.kind) for o in rules.library.obligations}
    ids = {clause for clause, _, _ in duties}
    # 主管部门…对禁止吸烟场所的控烟工作进行监督检查, 有权劝阻他人在禁止吸烟场所吸烟,
    # 禁止吸烟场所以外的室外区域可以划定吸烟区: an agency's charge, a right, a permission.
    assert f"{SMOKING}/第一章/第三条" not in ids and f"{SMOKING}/第一章/第四条" not in ids
    seventh = {kind for clause, _, kind in duties if clause == f"{SMOKING}/第二章/第七条"}
    assert seventh == {"duty"}  # 吸烟区应当符合下列要求, not the permission before it
    assert (f"{SMOKING}/第二章/第五条", "任何单位和个人", "prohibition") in duties
    assert (f"{SMOKING}/第三章/第八条", "场所管理者", "duty") in duties
    assert (f"{SMOKING}/第三章/第八条/（一）", "场所管理者", "duty") in duties  # a sign
    assert (f"{SMOKING}/第三章/第八条/（二）", "场所管理者", "prohibition") in duties


def test_a_penalty_in_a_place_is_linked_by_its_act(rules) -> None:  # type: ignore[no-untyped-def]
    penalty = next(p for p in rules.library.penalties if p.clause_id.endswith("第十四条"))
    assert penalty.linked_by == "inferred"
    assert {f"{SMOKING}/第二章/第五条", f"{SMOKING}/第二章/第六条"} <= set(penalty.obligations)
    assert f"{SMOKING}/第三章/第九条" not in penalty.obligations  # selling there, not smoking
    fine = rules.ask("在商场里抽烟罚多少？")
    assert first_cited(fine) == f"{SMOKING}/第五章/第十四条"
    assert "五十元以上二百元以下" in fine.text


def test_askers_words_on_smoking(rules) -> None:  # type: ignore[no-untyped-def]
    assert first_cited(rules.ask("在饭店里可以抽烟吗？")).startswith(f"{SMOKING}/第二章/第五条")
    defined = rules.ask("抽电子烟也算吸烟吗？")
    assert first_cited(defined) == f"{SMOKING}/第一章/第二条" and "电子烟烟雾" in defined.text


def test_askers_words_on_fishing(rules) -> None:  # type: ignore[no-untyped-def]
    report = rules.ask("看到有人电鱼可以向谁举报？")
    assert first_cited(report) == f"{FISHING}/第九条" and "县农业农村局" in report.text
    reward = rules.ask("举报非法捕鱼有奖励吗？")
    assert first_cited(reward) == f"{FISHING}/第九条" and "二百元至一千元" in reward.text


def test_what_neither_rule_says_is_declined(rules) -> None:  # type: ignore[no-untyped-def]
    for question in ("控烟志愿者有补贴吗？", "禁渔期渔民有生活补助吗？", "放生鱼苗需要审批吗？"):
        assert rules.ask(question).status == "not_found", question
