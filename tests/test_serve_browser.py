"""The served page in headless Chromium: analyse, compare, corpus upload; no console errors, no outside request.

Skipped when Chromium is missing locally; when ``CI=true`` a missing browser is a failure (as in
``test_browser.py``, whose driver fixture this reuses).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _serve_helpers import Server, start_server
from test_browser import INJECTIONS, _requested_urls
from test_browser import driver as chromium_driver  # noqa: F401 - registers the `driver` fixture here

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = (
    "Senators Clash Over Port Funding\n\n"
    "Sen. Maria Lopez said on Tuesday that the so-called reform bill was a reckless giveaway. "
    "Her rival, Sen. John Park, insisted the plan would create jobs. Park called the criticism absurd.\n"
)


@pytest.fixture(scope="module")
def driver(chromium_driver: Any) -> Any:  # noqa: F811 - the imported fixture, under the name the tests use
    """test_browser.py's headless Chromium (network and console logs on)."""
    return chromium_driver


@pytest.fixture(scope="module")
def server(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve-browser")
    # a near-zero span threshold: the random test model then highlights words for sure
    srv = start_server(tmp, tiny_model_dir, "--span-threshold", "0.01", "--job-chunk-size", "2")
    try:
        yield srv
    finally:
        srv.kill()


def _until(driver: Any, script: str, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def _open_page(driver: Any, server: Server) -> None:
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(server.url + "/")
    _until(driver, "return document.documentElement.getAttribute('data-ready') === '1'")


def _set(driver: Any, element_id: str, value: str) -> None:
    """Put ``value`` into a field as a paste would (and fire the input event)."""
    driver.execute_script(
        "const el = document.getElementById(arguments[0]); el.value = arguments[1];"
        "el.dispatchEvent(new Event('input', {bubbles: true}));",
        element_id,
        value,
    )


def _check_clean(driver: Any, server: Server) -> None:
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    outside = [u for u in _requested_urls(driver) if not u.startswith((server.url + "/", "about:", "blob:", "data:"))]
    assert outside == []


def test_paste_an_article_and_get_the_report(driver: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    _open_page(driver, server)
    _set(driver, "article", ARTICLE)
    _set(driver, "targets", "Lopez, Park")
    driver.find_element(By.ID, "analyze-go").click()
    _until(driver, "const f = document.getElementById('report'); return !f.hidden && f.srcdoc.length > 0")
    frame = driver.find_element(By.ID, "report")
    driver.switch_to.frame(frame)
    try:
        _until(driver, "return document.documentElement.getAttribute('data-ready') === '1'")
        assert driver.execute_script("return document.querySelectorAll('article mark').length") > 0  # highlights
        text = driver.execute_script("return document.body.innerText")
        assert "Sen. Maria Lopez" in text and "Park" in text
        driver.find_element(By.CSS_SELECTOR, '.sent[data-i="1"]').click()
        details = driver.find_element(By.ID, "details").text
        assert details and "Hover, focus or click" not in details  # the report's script runs in the frame
    finally:
        driver.switch_to.default_content()
    _check_clean(driver, server)


def test_injection_strings_stay_text_in_the_served_report(driver: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    _open_page(driver, server)
    _set(driver, "article", " ".join(f"Payload {i}: {p} end." for i, p in enumerate(INJECTIONS)))
    _set(driver, "targets", INJECTIONS[4])
    driver.find_element(By.ID, "analyze-go").click()
    _until(driver, "const f = document.getElementById('report'); return !f.hidden && f.srcdoc.length > 0")
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    driver.switch_to.frame(driver.find_element(By.ID, "report"))
    try:
        _until(driver, "return document.documentElement.getAttribute('data-ready') === '1'")
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        text = driver.execute_script("return document.body.innerText")
        for payload in INJECTIONS:
            assert payload.split()[0] in text
        assert driver.execute_script("return document.querySelectorAll('img, svg[onload], b').length") == 0
    finally:
        driver.switch_to.default_content()
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_compare_two_articles(driver: Any, server: Server) -> None:
    from selenium.webdriver.common.by import By

    _open_page(driver, server)
    driver.find_element(By.ID, "tab-compare").click()
    assert driver.find_element(By.ID, "panel-compare").is_displayed()
    _set(driver, "article-a", "NATO condemned Moscow for the strike. Moscow denied it.")
    _set(driver, "article-b", "Moscow praised NATO for the talks. NATO welcomed it.")
    _set(driver, "label-a", "<b>Paper</b>")
    driver.find_element(By.ID, "compare-go").click()
    _until(driver, "const f = document.getElementById('comparison'); return !f.hidden && f.srcdoc.length > 0")
    driver.switch_to.frame(driver.find_element(By.ID, "comparison"))
    try:
        _until(driver, "return document.body && document.body.innerText.includes('Stance per shared target')")
        text = driver.execute_script("return document.body.innerText")
        assert "<b>Paper</b>" in text and "Moscow" in text
    finally:
        driver.switch_to.default_content()
    _check_clean(driver, server)


def test_upload_a_csv_through_to_the_download_link(driver: Any, server: Server, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    rows = ["id,text,outlet"] + [f'{i},"Row {i} says NATO was reckless. It ends.",{"AB"[i % 2]}' for i in range(8)]
    csv = tmp_path / "corpus.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _open_page(driver, server)
    driver.find_element(By.ID, "tab-batch").click()
    driver.find_element(By.ID, "corpus-file").send_keys(str(csv))
    _set(driver, "group-column", "outlet")
    driver.find_element(By.ID, "batch-go").click()
    _until(driver, "return !document.getElementById('job-done').hidden", timeout=180)
    assert driver.execute_script("return document.getElementById('job-progress').value") == 1
    assert "done: 8 of 8" in driver.find_element(By.ID, "job-state").text
    assert "8 rows: 8 scored" in driver.find_element(By.ID, "job-summary").text
    groups = driver.execute_script(
        "return [...document.querySelectorAll('#corpus-table tbody tr td:first-child')].map(td => td.textContent)"
    )
    assert set(groups) == {"A", "B"}
    _until(driver, "const i = document.getElementById('corpus-plot'); return !i.hidden && i.naturalWidth > 100")
    href = driver.find_element(By.ID, "download-articles").get_attribute("href")
    assert "/v1/jobs/" in href and "table=articles" in href
    body = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href
    )
    assert len(body.strip().splitlines()) == 8 and '"outlet"' in body
    _check_clean(driver, server)
