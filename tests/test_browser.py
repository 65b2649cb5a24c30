"""A real browser (Debian's /usr/bin/chromium, driven by Playwright) uses the web chat end to end.

`make test` installs the `chromium` package when it is missing; this test fails, never skips,
without it. Its screenshots go to a temporary folder; `BACLOFEN_QA_SCREENSHOT_DIR=docs` refreshes the README's.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from chat import app as web
from chat.safety import DISCLAIMER
from chat.web import start_in_thread
from chat.compose import render_markdown
from test_app import evil_engine, hostile_quotes  # noqa: F401  (fixture)
from test_app_server import free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"
# Screenshots go to a temporary folder; `BACLOFEN_QA_SCREENSHOT_DIR=docs make test` refreshes the README's.
DOCS = Path(os.environ.get("BACLOFEN_QA_SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "baclofen-qa-screenshots")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
WAIT = 90_000  # ms; the 2-core CI machine is slow
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}


@contextmanager
def served(engine, feedback_db):
    port = free_port()
    server = start_in_thread(web.build_app(engine, feedback_db), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True


@contextmanager
def browser_page(url: str):
    """A fresh Chromium profile; records alert dialogs and any request that leaves this machine."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium package"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                                                   viewport=DESKTOP)
        ctx.set_default_timeout(WAIT)
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.dialogs, page.external = [], []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else page.external.append(r.url))
        try:
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector("#bq-input textarea")
            yield page
        finally:
            ctx.close()


def ask(page, question: str, answers_before: int):
    """Type a question, press Ask, wait for the next answer; returns the answer bubbles (Sources excluded)."""
    page.fill("#bq-input textarea", question)
    page.click("#bq-ask")
    page.wait_for_function("n => document.querySelectorAll('#bq-chatbot .bot-row').length > n", arg=answers_before)
    return page.locator("#bq-chatbot .bot-row [data-testid='bot']:not(:has(button))")


def wait_rows(db: Path, n: int, timeout: float = 30) -> list[tuple]:
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT rating, comment, status, question, history, quotes, index_version "
                                "FROM feedback ORDER BY id").fetchall()
        if len(rows) >= n or time.monotonic() > deadline:
            return rows
        time.sleep(0.2)


def test_chat_sources_feedback_search_and_phone(engine, tmp_path):
    DOCS.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "feedback.sqlite3"
    with served(engine, db) as url, browser_page(url) as page:
        assert DISCLAIMER in page.inner_text("#bq-disclaimer")

        # An empty message is ignored with a hint.
        page.fill("#bq-input textarea", "   ")
        page.click("#bq-ask")
        page.wait_for_selector("#bq-status:has-text('Please type a question')")
        assert page.locator("#bq-chatbot .bot-row").count() == 0

        # A question: quotes with section and reference numbers, the disclaimer at the foot.
        bots = ask(page, "What is baclofen used for?", 0)
        first = bots.first.inner_text()
        assert "\u2014" in first and ("refs [" in first or "no reference number" in first)
        assert first.rstrip().endswith(DISCLAIMER)
        assert page.locator("#bq-chatbot blockquote").count() >= 1

        # A follow-up uses the history.
        bots = ask(page, "What is the usual dose?", 1)
        assert page.locator("#bq-chatbot .bot-row").count() == 2
        assert bots.count() == 2 and bots.last.inner_text().rstrip().endswith(DISCLAIMER)

        # Sources: each quote inside its paragraph, highlighted, with a link into the monograph.
        page.get_by_text("Sources (").last.click()
        src = page.locator(".bq-src >> visible=true").first
        src.wait_for(state="visible")
        assert src.locator("mark.bq-hl").count() == 1 and src.locator("a.bq-goto").count() == 1
        page.wait_for_timeout(500)  # the Sources box opens with an animation
        page.locator(".bq-src >> visible=true").last.evaluate("e => e.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(DOCS / "screenshot.png"))

        target = src.locator("a.bq-goto").get_attribute("href")
        src.locator("a.bq-goto").click()
        page.wait_for_function("() => location.hash.length > 1")
        anchor = page.locator(target)
        anchor.wait_for(state="visible")
        assert page.get_by_role("tab", name="Monograph").get_attribute("aria-selected") == "true"
        box = anchor.bounding_box()
        assert box and -5 <= box["y"] < DESKTOP["height"], box  # scrolled into view
        assert page.locator("#bq-monograph h2").count() >= 5

        # Thumbs up on the first answer, then a comment: one whole row in SQLite.
        page.get_by_role("tab", name="Chat").click()
        page.get_by_role("button", name="Like", exact=True).first.click()
        page.wait_for_selector("#bq-status:has-text('Thanks for the feedback')")
        [row] = wait_rows(db, 1)
        assert row[0] == "up" and row[2] == "answered" and row[3] == "What is baclofen used for?"
        assert row[4] == "[]" and row[5].startswith("[{") and row[6] == engine.version
        page.fill("#bq-comment textarea", "Clear quotes, thanks")
        page.click("#bq-send-comment")
        page.wait_for_selector("#bq-status:has-text('comment was saved')")
        assert wait_rows(db, 1)[0][1] == "Clear quotes, thanks"

        # Staff search: ranked passages with score, section, refs and a working copy-citation button.
        page.get_by_role("tab", name="Staff search").click()
        page.fill("#bq-query textarea", "alcohol withdrawal")
        page.click("#bq-search")
        page.wait_for_selector("#bq-results .bq-hit")
        head = page.locator("#bq-results .bq-hit-head").first.inner_text()
        assert "#1" in head and "score" in head and ("refs [" in head or "no reference number" in head)
        page.locator("#bq-results .bq-copy").first.click()
        page.wait_for_selector("#bq-results .bq-copy:has-text('Copied')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("\u201c") and "\u2014" in copied and "refs [" in copied

        # A phone: nothing wider than the screen, the chat still usable.
        page.get_by_role("tab", name="Chat").click()
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        assert page.locator("#bq-ask").is_visible() and page.locator("#bq-disclaimer").is_visible()
        page.locator("#bq-chatbot .bot-row").last.scroll_into_view_if_needed()
        page.screenshot(path=str(DOCS / "screenshot-phone.png"))

        # New chat empties the conversation; an example question answers with one tap.
        page.click("#bq-new")
        page.wait_for_function("() => !document.querySelector('#bq-chatbot .bot-row')")
        page.locator("#bq-chatbot").get_by_text(web.EXAMPLES[2]).click()
        page.wait_for_selector("#bq-chatbot .bot-row")
        assert DISCLAIMER in page.locator("#bq-chatbot .bot-row").first.inner_text()

        assert page.dialogs == [] and page.external == []


def test_hostile_corpus_and_emergency_render_inert_in_the_browser(evil_engine, tmp_path):  # noqa: F811
    class Emergency:
        """The real engine over the hostile corpus, with 'overdose' questions turned into emergencies."""

        index, version, search = evil_engine.index, evil_engine.version, evil_engine.search

        def answer(self, question, history=None):
            a = evil_engine.answer(question, history)
            if "overdose" in question:
                lead = "Call <b>112</b> now <img src=x onerror=alert(9)>"
                quotes = hostile_quotes(evil_engine)
                return dataclasses.replace(a, status="emergency", lead=lead, quotes=quotes,
                                           answer_markdown=render_markdown("emergency", list(quotes), DISCLAIMER, lead))
            return a

    with served(Emergency(), tmp_path / "fb.sqlite3") as url, browser_page(url) as page:
        ask(page, "Evildrug spasms <img src=x onerror=alert(5)> drowsiness overdose", 0)
        alert = page.locator("#bq-alert .bq-emergency")  # above the conversation, on screen
        alert.wait_for(state="visible")
        assert "Call <b>112</b> now" in alert.inner_text()
        assert alert.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(185, 28, 28)"
        assert alert.bounding_box()["y"] < page.locator("#bq-chatbot").bounding_box()["y"]
        bot = page.locator("#bq-chatbot .bot-row").first
        banner = bot.locator(".bq-emergency")  # and first in the answer itself, scrolled into view
        page.wait_for_timeout(500)
        assert banner.is_visible() and "Call <b>112</b> now" in banner.inner_text()
        chat_box = page.locator("#bq-chatbot").bounding_box()
        first_y = banner.bounding_box()["y"]
        assert chat_box["y"] <= first_y < chat_box["y"] + chat_box["height"]
        assert all(first_y <= q.bounding_box()["y"] for q in bot.locator("blockquote").all())
        page.get_by_text("Sources (").first.click()
        page.locator(".bq-src").first.wait_for(state="visible")

        page.get_by_role("tab", name="Monograph").click()
        mono = page.locator("#bq-monograph")
        mono.wait_for(state="visible")
        assert "<script>alert(1)</script>" in mono.inner_text()
        page.get_by_role("tab", name="Staff search").click()
        page.fill("#bq-query textarea", "nausea <svg onload=alert(6)>")
        page.click("#bq-search")
        page.wait_for_selector("#bq-results .bq-hit")
        page.wait_for_timeout(1000)
        for scope in ("#bq-chatbot", "#bq-monograph", "#bq-results"):
            assert page.locator(f"{scope} img, {scope} svg[onload], {scope} script").count() == 0, scope
        assert page.dialogs == [], page.dialogs
