"""Real-browser checks of the HTML report (headless Chromium via selenium + system chromedriver).

Skipped when Chromium is missing locally; when ``CI=true`` a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from _profiles import S, make_profile, sample_profile

from framing.report.html import render_article

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

INJECTIONS = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "</style><b>style broke</b>",
    "</script><script>window.__pwned=1</script>",
    '"><svg onload="window.__pwned=1;alert(1)">',
)


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def _require_browser() -> None:
    """Skip without Chromium, except on CI (``CI=true``) where that is a failure."""
    if _browser_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {CHROMIUM} / {CHROMEDRIVER} are missing")
    pytest.skip("chromium / chromedriver not installed")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    _require_browser()
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile_dir = tmp_path_factory.mktemp("chrome-profile")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={profile_dir}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


def _open(driver: object, tmp_path: Path, html: str) -> str:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    url = path.resolve().as_uri()
    driver.get("about:blank")  # type: ignore[attr-defined]
    driver.get_log("browser")  # type: ignore[attr-defined]  # drain earlier entries
    driver.get_log("performance")  # type: ignore[attr-defined]
    driver.get(url)  # type: ignore[attr-defined]
    return url


def _requested_urls(driver: object) -> list[str]:
    """URLs of all network requests since the last drain, minus the browser's own chrome:// pages."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            req_url = msg["params"]["request"]["url"]
            if not req_url.startswith("chrome://"):
                urls.append(req_url)
    return urls


def _png_colours(data: bytes) -> tuple[int, int, int]:
    """(width, height, number of distinct row checksums) of a PNG, parsed with zlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat = b""
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    distinct = len({raw[i * stride + 1 : (i + 1) * stride] for i in range(0, height, 7)})
    return width, height, distinct


def _alert_open(driver: object) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert.text  # type: ignore[attr-defined]  # noqa: B018
    except NoAlertPresentException:
        return False
    return True


def test_report_renders_without_errors_or_network(driver: object, tmp_path: Path) -> None:
    url = _open(driver, tmp_path, render_article(sample_profile(), title="Sample report"))
    assert driver.execute_script("return document.documentElement.getAttribute('data-ready')") == "1"
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    urls = _requested_urls(driver)
    assert urls and all(u == url for u in urls), urls
    shot = tmp_path / "report.png"
    assert driver.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert len(data) > 10_000
    width, height, distinct = _png_colours(data)
    assert width >= 800 and height >= 600
    assert distinct > 20  # not a blank page
    if os.environ.get("FRAMING_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["FRAMING_SCREENSHOT_DIR"]) / "report.png")


def test_clicking_a_sentence_fills_details(driver: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(driver, tmp_path, render_article(sample_profile()))
    driver.find_element(By.CSS_SELECTOR, '.sent[data-i="0"]').click()
    details = driver.find_element(By.ID, "details").text
    assert "despotic" in details and "0.93" in details
    assert "Moscow" in details and "negative" in details
    driver.find_element(By.CSS_SELECTOR, '.sent[data-i="2"]').click()
    details = driver.find_element(By.ID, "details").text
    assert "Mayor Ivan Petrenko" in details


def test_injection_strings_render_as_text(driver: object, tmp_path: Path) -> None:
    specs = [
        S(f"Payload {i}: {p} end.", voice="quote" if i % 2 else "author", speaker=p) for i, p in enumerate(INJECTIONS)
    ]
    specs[0] = S(
        f"Payload 0: {INJECTIONS[0]} end.",
        loaded_words=[(INJECTIONS[0], 0.9)],
        stance={INJECTIONS[4]: (0.7, 0.2, 0.1)},
    )
    profile = make_profile([specs])
    _open(driver, tmp_path, render_article(profile, title=INJECTIONS[1]))
    assert not _alert_open(driver)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    text = driver.execute_script("return document.body.innerText")
    for payload in INJECTIONS:
        assert payload in text, payload
    assert driver.title == INJECTIONS[1]
    assert driver.execute_script("return document.querySelectorAll('img, svg[onload], b').length") == 0
    # the script still ran and the details panel shows the payload as text
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, '.sent[data-i="0"]').click()
    assert INJECTIONS[0] in driver.find_element(By.ID, "details").text
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_network_check_detects_an_outside_request(driver: object, tmp_path: Path) -> None:
    """Control: a page without our CSP that loads an image is seen by the network check."""
    url = _open(driver, tmp_path, '<!DOCTYPE html><p>x</p><img src="http://127.0.0.1:9/x.png" alt="">')
    urls = _requested_urls(driver)
    assert url in urls and "http://127.0.0.1:9/x.png" in urls


def test_compare_page_renders_without_errors_or_network(driver: object, tmp_path: Path) -> None:
    from framing.report.compare import compare

    other = make_profile([[S("Moscow said Kyiv fell.", stance={"Moscow": (0.1, 0.3, 0.6)})]])
    url = _open(driver, tmp_path, compare([sample_profile(), other], names=["<b>A</b>", "B"]).to_html())
    assert [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    assert set(_requested_urls(driver)) == {url}
    text = driver.execute_script("return document.body.innerText")
    assert "Stance per shared target" in text and "<b>A</b>" in text


def test_missing_browser_fails_on_ci_and_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _require_browser()
