"""Regulations in further hands: questions typed by office staff with English words in
them (fire drill, penalty, deadline, Article 8), and a regulation published as the
comparison table of a revision (修改前后对照表), the text before and after side by side,
an article inserted, the rest renumbered and one deleted."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

COWORKING = "jichuan-coworking-fire-safety-rules"
DRY_CLEANING = "henggang-dry-cleaning-rules-comparison"
revised = regulations_fixture(COWORKING, f"{DRY_CLEANING}.docx")


def test_questions_with_english_words_in_them(revised) -> None:  # type: ignore[no-untyped-def]
    drill = revised.ask("fire drill多久要搞一次？")
    assert first_cited(drill).startswith(f"{COWORKING}/第四条") and "每半年" in drill.text
    eighth = revised.ask("Article 8讲的是什么？")
    assert first_cited(eighth) == f"{COWORKING}/第八条" and "保存不少于三年" in eighth.text
    fine = revised.ask("个人私拉电线的fine是多少？")
    assert first_cited(fine) == f"{COWORKING}/第十一条" and "五十元以上五百元以下" in fine.text
    # Who does the act asked of, in the words asked (维护保养由运营者负责), not the article
    # naming a party the responsible one for the whole field (…是消防安全责任人).
    upkeep = revised.ask("消防设施的maintenance谁负责？")
    assert first_cited(upkeep) == f"{COWORKING}/第八条" and "由运营者负责" in upkeep.text
    # Nothing says what the asker typed in English: declined.
    assert revised.ask("可以在office里smoking吗？").status == "not_found"
    assert revised.ask("运营者要买insurance吗？").status == "not_found"


def test_a_party_said_to_be_the_responsible_one_and_a_party_charged_without_a_modal(
    revised,  # type: ignore[no-untyped-def]
) -> None:
    duties = [o for o in revised.library.obligations if o.doc_id == COWORKING]
    # 联合办公空间运营者是消防安全责任人，应当…: the party is the operator, not what it is said
    # to be; so are its four items'.
    fourth = [o for o in duties if o.clause_id.startswith(f"{COWORKING}/第四条")]
    assert len(fourth) == 5 and {o.actor for o in fourth} == {"联合办公空间运营者"}
    # 消防设施的维护保养由运营者负责，…检测报告保存不少于三年: a duty with no modal.
    upkeep = [o for o in duties if "维护保养由运营者负责" in o.action]
    assert [(o.clause_id, o.actor, o.deadline_text) for o in upkeep] == [
        (f"{COWORKING}/第八条", "运营者", "保存不少于三年")
    ]


def test_a_regulation_published_as_its_revisions_comparison_table(revised) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{DRY_CLEANING}.docx")
    assert document.meta.title == "蘅港市洗染业管理规定" and document.meta.doc_type == "规定"
    # The text after: the inserted 第四条, the renumbered 第六条 at ten times the fee;
    # neither the repealed five times nor the deleted article.
    assert "第四条　干洗店应当使用全封闭式干洗机" in document.text
    assert "十倍" in document.text and "五倍" not in document.text
    assert "消费者协会" not in document.text and "2039年5月1日" not in document.text
    sixth = revised.ask("蘅港规定第六条是什么？")
    assert first_cited(sixth) == f"{DRY_CLEANING}/第六条" and "十倍" in sixth.text
    fine = revised.ask("用开启式干洗机怎么罚？")
    assert first_cited(fine) == f"{DRY_CLEANING}/第十一条" and "一万元以上十万元以下" in fine.text
    lost = revised.ask("送洗衣物丢了赔多少？")  # 丢了: 丢失
    assert first_cited(lost) == f"{DRY_CLEANING}/第六条" and "十倍" in lost.text
    # Its articles counted, as they stand after the revision.
    counted = revised.ask("蘅港规定一共多少条？")
    assert first_cited(counted) == f"{DRY_CLEANING}/第十二条" and "共12条" in counted.text
    # Its duties, each at its article after the revision.
    duties = {
        o.clause_id.rsplit("/", 1)[-1]: o.action
        for o in revised.library.obligations
        if o.doc_id == DRY_CLEANING
    }
    assert set(duties) == {"第四条", "第五条", "第六条", "第七条", "第八条", "第九条"}
    assert "洗涤方式" in duties["第五条"] and "十倍" in duties["第六条"]
    # 干洗店应当…: a shop is the party its duties name.
    shops = {
        o.clause_id.rsplit("/", 1)[-1] for o in revised.library.obligations if o.actor == "干洗店"
    }
    assert shops == {"第四条", "第八条"}
