from __future__ import annotations

import pytest

from policyqa.compose.relevance import Relevance
from policyqa.library import Library
from policyqa.segment import Segmenter, default_segmenter, expand_synonyms


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.mark.parametrize(
    "whole",
    [
        "市生态环境局",
        "市市场监管局",
        "包头海关",
        "全氟辛基磺酸",
        "持久性有机污染物",
        "新污染物",
        "一品一策",
        "排污许可证",
    ],
)
def test_department_and_chemical_names_stay_whole(segmenter: Segmenter, whole: str) -> None:
    sentence = f"关于{whole}的要求由各部门落实"
    assert whole.lower() in segmenter.words(sentence)
    assert whole.lower() in segmenter.search_tokens(sentence)


def test_search_mode_adds_parts_for_partial_matches(segmenter: Segmenter) -> None:
    tokens = segmenter.search_tokens("全氟辛基磺酸")
    assert "全氟辛基磺酸" in tokens and "全氟" in tokens


def test_stopwords_and_punctuation_are_dropped(segmenter: Segmenter) -> None:
    assert segmenter.words("请问，哪些部门负责？") == ["部门", "负责"]


def test_synonyms_expand_colloquial_names() -> None:
    assert "生态环境局" in expand_synonyms(["环保局"])
    assert "零售药店" in expand_synonyms(["卖药"])


def test_each_segmenter_keeps_its_own_words_over_one_shared_dictionary() -> None:
    # jieba's dictionary is read once and copied: a library's words stay its own.
    named = Segmenter(extra_words=["雁湖示范供水单位"])
    plain = Segmenter()
    assert named.is_word("雁湖示范供水单位") and not plain.is_word("雁湖示范供水单位")
    assert "雁湖示范供水单位" in named.words("雁湖示范供水单位应当检测水质")
    assert "雁湖示范供水单位" not in plain.words("雁湖示范供水单位应当检测水质")
    # Both still tag with jieba's own parts of speech.
    assert dict(plain.tagged("医疗废物可以扔进生活垃圾桶吗"))["垃圾桶"] == "n"
    assert dict(named.tagged("雁湖示范供水单位应当检测水质"))["雁湖示范供水单位"] == "n"


def test_a_guessed_pair_around_a_modal_is_cut(segmenter: Segmenter) -> None:
    # 能通, 人能: pairs jieba's model guessed, no words of its dictionary.
    assert ("通", "v") in segmenter.tagged("山体滑坡把路冲断了多久能通？")
    assert ("人", "n") in segmenter.tagged("纹身的人能献血吗")
    # Words of the dictionary stay whole, a modal in them or not.
    assert [w for w, _ in segmenter.tagged("可能会下雨吗")][:2] == ["可能", "会"]
    assert [w for w, _ in segmenter.tagged("有什么要求")][-1] == "要求"


def test_words_added_leave_how_jieba_cuts_the_rest_alone() -> None:
    # The departments a document names are added as words; the total they would raise
    # (and with it, which rare phrases jieba cuts whole: 没钱) stays as it was.
    plain = Segmenter()
    more = Segmenter(extra_words=["晚枫市外事办公室", "苍梧市文化市场综合执法支队"])
    assert more.tokenizer.total == plain.tokenizer.total
    assert more.words("修房子没钱政府给补贴吗") == plain.words("修房子没钱政府给补贴吗")


def test_an_abbreviation_is_spelled_out_only_where_its_words_begin(library: Library) -> None:
    # 监管 for 监督管理 as the plans write it; 物业 is not the 物质企业 inside
    # 有毒有害化学物质企业, where no word of the text opens at 物.
    relevance = Relevance(library, default_segmenter())
    assert "监督管理" in relevance.spellings.spelled_out("监管")
    assert "物质企业" not in relevance.spellings.spelled_out("物业")
