from __future__ import annotations

import json

from click.testing import CliRunner

from policyqa.cli import main
from tests.conftest import FIXTURES


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_tasks_json_lists_every_task_with_lead_and_departments() -> None:
    code, out, _ = run("tasks", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 29
    row = next(r for r in rows if r["clause_id"] == "baotou/二/（一）/4")
    assert row["lead"] == ["市生态环境局"]
    assert row["departments"][0] == "市生态环境局" and "包头海关" in row["departments"]
    assert row["note"].startswith("市生态环境局牵头")
    for key in (
        "doc_id",
        "number",
        "title",
        "breadcrumb",
        "implementers",
        "deadlines",
        "targets",
        "start",
        "end",
    ):
        assert key in row


def test_tasks_filters_by_alias_and_due_date() -> None:
    code, out, _ = run(
        "tasks", "--dept", "市场监督管理局", "--doc", "lianyungang", "--format", "json"
    )
    assert code == 0
    ids = [r["clause_id"] for r in json.loads(out)]
    assert ids == [
        "lianyungang/（一）/1",
        "lianyungang/（二）/7",
        "lianyungang/（二）/8",
        "lianyungang/（四）/9",
        "lianyungang/（六）/15",
    ]
    code, out, _ = run("tasks", "--due-before", "2024-01-01", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("clause_id,")
    assert [line.split(",")[0] for line in lines[1:]] == [
        "baotou/二/（一）/1",
        "lianyungang/（二）/3",
    ]


def test_tasks_of_a_given_file() -> None:
    code, out, _ = run("tasks", str(FIXTURES / "halfwidth-runin.txt"), "--format", "json")
    assert code == 0 and len(json.loads(out)) == 4


def test_tasks_rejects_unknown_document_clearly() -> None:
    code, _, err = run("tasks", "--doc", "beijing")
    assert code == 2 and "未知文件" in err and "baotou" in err


def test_parse_prints_tree_and_bad_file_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("parse", str(FIXTURES / "halfwidth-runin.txt"))
    assert code == 0 and "  （一）源头减量" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run("parse", str(empty))
    assert code == 1 and "empty.txt" in err


def test_obligations_for_an_industry() -> None:
    code, out, _ = run("obligations", "--industry", "化工", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert all("化工" in r["industries"] or not r["industries"] for r in rows)


def test_tasks_of_a_real_guideline_say_where_each_lead_comes_from() -> None:
    guideline = FIXTURES / "real" / "zonghe-baoshuiqu-2019.txt"
    code, out, _ = run("tasks", str(guideline), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 21
    first = rows[0]
    assert first["lead"] == ["税务总局"] and first["lead_source"] == "rule"
    assert first["lead_rule"]["text"] == "排在第一位的部门为牵头部门，下同"
    assert first["roles"] == "由税务总局牵头，财政部、海关总署按职责分工负责。"
    code, table, _ = run("tasks", str(guideline))
    assert "| 税务总局（列第一位） | 由税务总局牵头" in table


def test_tasks_warn_about_notes_that_name_nobody() -> None:
    code, _, err = run("tasks", str(FIXTURES / "forms" / "joint-lead-guideline.txt"))
    assert code == 0
    assert "joint-lead-guideline/二/（九）: note names no department" in err
