"""Owns the texts users see about the assistant itself, built from the loaded documents."""

from __future__ import annotations

from policyqa.library import Library


def scope_text(library: Library, most: int = 4) -> str:
    """What is loaded: the titles of the documents, then how many more there are."""
    documents = library.documents
    titles = "、".join(f"《{d.title}》" for d in documents[:most])
    if len(documents) > most:
        titles += f"等{len(documents)}份文件"
    return titles or "（尚未收录文件）"


def sample_questions(library: Library) -> list[str]:
    """Questions the loaded documents answer, written from their tasks' titles."""
    questions = []
    led = next((t for t in library.tasks if t.responsibility.lead and t.clause.title), None)
    if led is not None:
        questions.append(f"哪个部门牵头{led.clause.title}？")
    dated = next(
        (t for t in library.tasks if t.deadlines and t.clause.title and t is not led), None
    )
    if dated is not None:
        questions.append(f"{dated.clause.title}什么时候完成？")
    if library.obligations:
        questions.append("企业需要做什么？")
    return questions or ["这些文件规定了哪些任务？"]


def page_suggestions(library: Library) -> list[str]:
    """The questions the chat page suggests: built from the loaded documents' tasks,
    departments and titles, so that a new plan brings its own."""
    suggestions = sample_questions(library)
    named: dict[str, int] = {}
    for task in library.tasks:
        for name in task.responsibility.departments:
            named[name] = named.get(name, 0) + 1
    busiest = sorted(named, key=lambda n: -named[n])
    if len(busiest) > 1:
        suggestions.insert(1, f"{busiest[1]}负责哪些任务？")
    first = library.documents[0] if library.documents else None
    if first is not None and first.meta.short_title:
        suggestions.append(f"{first.meta.short_title}一共有几项任务？")
    return list(dict.fromkeys(suggestions))[:5]


def sample_question(library: Library) -> str:
    """One question the loaded documents answer."""
    return sample_questions(library)[0]


def out_of_scope_text(library: Library) -> str:
    """The reply to greetings and off-topic questions."""
    return (
        f"您好！我是政策问答助手，只能回答已收录文件（{scope_text(library)}）"
        "中的问题：哪个部门牵头、由哪些部门负责、什么时候完成、目标是多少、企业需要做什么等。"
        f"例如：{sample_question(library)}"
    )


def welcome_text(library: Library) -> str:
    """The WeChat subscribe greeting, with numbered sample questions."""
    samples = "\n".join(f"{n}. {q}" for n, q in enumerate(sample_questions(library), start=1))
    return f"欢迎关注！我可以回答{scope_text(library)}中的问题，答案都注明出处。试试问：\n{samples}"


def only_text_reply(library: Library) -> str:
    """The reply to a voice, image or other non-text message."""
    return f"目前只支持文字提问，请直接输入您的问题，例如：{sample_question(library)}"
