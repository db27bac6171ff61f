"""End to end: the real server on a loopback port, driven by Debian's headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from policyqa.pipeline import Pipeline
from tests.conftest import ROOT, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip(
        "Debian's chromium is not installed: apt-get install chromium", allow_module_level=True
    )


@pytest.fixture(scope="module")
def server(indexed: Pipeline) -> Iterator[str]:
    url, process = start_server(indexed.settings.index_dir)
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def _watch_console(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every console error and uncaught exception of ``page``."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_ask_see_streamed_answer_click_citation_see_highlighted_quote(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = _watch_console(page)
    page.goto(server)
    # The suggested questions are built from the loaded plans.
    page.wait_for_selector("#suggestions .chip")
    assert "包头方案一共有几项任务？" in page.inner_text("#suggestions")
    page.fill("#question", "哪个部门牵头落实新污染物管控措施？")
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg.assistant .cite", timeout=30_000)
    answer = page.inner_text(".msg.assistant")
    assert "由市生态环境局牵头" in answer and "二、（一）4．落实新污染物管控措施" in answer
    page.click(".msg.assistant .cite")
    page.wait_for_selector("#source:not([hidden]) mark")
    assert page.inner_text("#source-crumb").endswith("4．落实新污染物管控措施")
    assert page.inner_text("#source mark").startswith("市生态环境局牵头")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-chat.png"), full_page=True)
    # History survives a reload (localStorage): the same question and answer come back,
    # and their citations still open the clause.
    page.reload()
    page.wait_for_selector(".msg.assistant .cite")
    assert page.inner_text(".msg.user").strip() == "哪个部门牵头落实新污染物管控措施？"
    assert page.inner_text(".msg.assistant") == answer
    page.click(".msg.assistant .cite")
    page.wait_for_selector("#source:not([hidden]) mark")
    assert page.inner_text("#source mark").startswith("市生态环境局牵头")
    # The citation panel belongs to the chat: another tab closes it.
    page.click("#tab-timeline")
    page.wait_for_selector("#timeline li")
    assert page.is_hidden("#source")
    first = page.inner_text("#timeline li")
    assert "2023-12-31" in first and ("包头方案" in first or "连云港方案" in first)
    page.click("#tab-obligations")
    page.wait_for_selector("#obligations li .plan")
    assert page.inner_text("#obligations li .plan") in ("包头方案", "连云港方案")
    page.close()
    assert errors == []


def test_not_found_state_phone_width_and_keyboard_only(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    errors = _watch_console(page)
    page.goto(server)
    page.keyboard.press("Tab")  # the first tab
    for _ in range(8):
        if page.evaluate("document.activeElement.id") == "question":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type("包头市生态环境局局长是谁？")
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg.assistant.not_found .status-tag", timeout=30_000)
    assert "文件中未找到相关规定" in page.inner_text(".msg.assistant.not_found")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-not-found.png"), full_page=True)
    page.click("#tab-matrix")
    page.wait_for_selector("#matrix tbody tr")
    assert page.locator("#matrix tbody tr").count() == 29
    # Each row names its plan and the clause as people cite it, with the id to copy.
    row = page.locator("#matrix tbody tr").nth(3)
    cells = row.locator("td")
    assert cells.nth(0).inner_text() == "包头方案"
    assert cells.nth(1).inner_text().splitlines() == [
        "二、（一）4．落实新污染物管控措施",
        "baotou/二/（一）/4",
    ]
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-matrix.png"), full_page=True)
    page.close()
    assert errors == []  # /favicon.ico included: no 404 in the console
