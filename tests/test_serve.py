"""``framing serve`` end to end: a real uvicorn subprocess on a free loopback port, driven with httpx.

The server runs the tiny random test model with the rule-based text layer, so scores are
meaningless but the mechanics (routes, micro-batching, bad input, auth, job resume) are real.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _serve_helpers import Server, start_server

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

pytestmark = pytest.mark.slow

ARTICLE = (
    "Senators Clash Over Port Funding\n\n"
    "WASHINGTON - Sen. Maria Lopez said on Tuesday that the so-called reform bill was a reckless giveaway. "
    "\u201cThis is a disgrace. Families will pay,\u201d Lopez said.\n"
    "Her rival, Sen. John Park, insisted the plan would create jobs. Park called the criticism absurd.\n"
)
INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</style>",
    "</script>",
    '"><svg onload=alert(1)>',
)
MAX_BODY = 200_000


@pytest.fixture(scope="module")
def server(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve")
    srv = start_server(tmp, tiny_model_dir, "--max-body-mb", str(MAX_BODY / 1_000_000), "--job-chunk-size", "4")
    try:
        yield srv
    finally:
        srv.kill()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


def wait_job(client: httpx.Client, job_id: str, timeout: float = 180.0, headers: dict[str, str] | None = None) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/v1/jobs/{job_id}", headers=headers).json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish: {status}")


# ---------------------------------------------------------------------------------------------- endpoints
def test_healthz_models_and_openapi(client: httpx.Client, server: Server) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    models = client.get("/v1/models").json()
    assert models["roles"]["loaded"]["task"] == "loaded" and models["roles"]["stance"]["task"] == "stance"
    assert {t["kind"] for t in models["models"][0]["tasks"]} == {"sentence", "span", "stance"}
    assert models["analyzer"]["nlp"] is None and models["max_chars"] > 0
    spec = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/compare", "/v1/batch", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/result"} <= set(
        spec["paths"]
    )
    assert "AnalyzeRequest" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text and "https://" not in docs.text  # works offline: every asset from this server
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', docs.text):
        assert client.get(asset).status_code in (200, 204), asset
    assert 'src="/docs-assets/swagger-ui-bundle.js"' in docs.text
    assert "loopback only" in server.output()


def test_analyze_gives_the_cli_json(client: httpx.Client, tiny_model_dir: Path) -> None:
    from framing import Analyzer

    r = client.post("/v1/analyze", json={"text": ARTICLE, "targets": ["Lopez", "Park"]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    expected = Analyzer(str(tiny_model_dir), nlp=None).analyze(ARTICLE, targets=["Lopez", "Park"])
    assert r.json() == json.loads(expected.to_json())  # what `framing analyze --format json` prints
    assert set(r.json()["profile"]["targets"]) == {"Lopez", "Park"}


def test_analyze_text_plain_html_and_text_formats(client: httpx.Client) -> None:
    r = client.post(
        "/v1/analyze?format=html&target=Lopez", content=ARTICLE.encode(), headers={"content-type": "text/plain"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<!DOCTYPE html>" in r.text and "Lopez" in r.text and "Content-Security-Policy" in r.text
    r = client.post("/v1/analyze?format=text", json={"text": ARTICLE})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    page = (
        "<!doctype html><html><head><title>T</title></head><body><article><p>"
        + ARTICLE
        + "</p></article></body></html>"
    )
    r = client.post("/v1/analyze", json={"text": page, "text_format": "html"})
    assert r.status_code == 200 and r.json()["meta"]["source"]["format"] == "html"
    latin = "Caf\u00e9 owners said the tax was a disgrace.".encode("cp1252")
    r = client.post("/v1/analyze?encoding=cp1252", content=latin, headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["sentences"][0]["text"].startswith("Caf\u00e9")


def test_compare(client: httpx.Client) -> None:
    body = {
        "articles": [
            {"text": "NATO condemned Moscow. Moscow denied it.", "label": "Paper"},
            {"text": "Moscow praised NATO for talks. NATO agreed.", "label": "Wire"},
        ]
    }
    r = client.post("/v1/compare", json=body)
    assert r.status_code == 200
    out = r.json()
    assert out["names"] == ["Paper", "Wire"] and out["targets"]
    r = client.post("/v1/compare?format=html", json=body)
    assert r.status_code == 200 and "Stance per shared target" in r.text


def test_batch_job_progress_results_and_corpus(client: httpx.Client, tmp_path: Path) -> None:
    import io

    import pyarrow.parquet as pq

    rows = ["id,text,outlet"] + [f'{i},"Row {i} says NATO is reckless. Row {i} ends.",{"AB"[i % 2]}' for i in range(10)]
    rows.append("10,,A")  # a null text: skipped, not lost
    r = client.post(
        "/v1/batch",
        files={"file": ("corpus.csv", "\n".join(rows).encode(), "text/csv")},
        data={"id_column": "id", "group_column": "outlet"},
    )
    assert r.status_code == 202, r.text
    job = r.json()
    status = wait_job(client, job["id"])
    assert status["state"] == "done" and status["progress"] == 1.0 and status["rows_done"] == 11
    assert status["summary"]["rows"] == 11 and status["summary"]["skipped"] == 1
    lines = client.get(f"/v1/jobs/{job['id']}/result").text.splitlines()
    arts = [json.loads(x) for x in lines]
    assert sorted(int(a["id"]) for a in arts) == list(range(11))
    r = client.get(f"/v1/jobs/{job['id']}/result", params={"table": "sentences", "format": "parquet"})
    assert r.status_code == 200
    sents = pq.read_table(io.BytesIO(r.content))
    assert sents.num_rows == 20 and {int(i) for i in sents.column("id").to_pylist()} == set(range(10))
    corpus = client.get(f"/v1/jobs/{job['id']}/corpus").json()
    assert corpus["by"] == "outlet" and {row["outlet"] for row in corpus["rows"]} == {"A", "B"}
    png = client.get(f"/v1/jobs/{job['id']}/plot.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_batch_jsonl_upload(client: httpx.Client) -> None:
    data = "\n".join(json.dumps({"body": f"Article {i}. It ends."}) for i in range(3)).encode()
    r = client.post("/v1/batch", files={"file": ("c.jsonl", data)}, data={"text_column": "body"})
    assert r.status_code == 202
    assert wait_job(client, r.json()["id"])["summary"]["ok"] == 3


# ---------------------------------------------------------------------------------------------- bad input
def test_body_size_limit(client: httpx.Client) -> None:
    big = "word " * (MAX_BODY // 4)
    r = client.post("/v1/analyze", json={"text": big})
    assert r.status_code == 413 and "limit" in r.json()["detail"] and "--max-body-mb" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        for _ in range(MAX_BODY // 10_000 + 2):
            yield b"a" * 10_000

    r = client.post("/v1/analyze", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413
    r = client.post("/v1/batch", files={"file": ("c.csv", b"text\n" + b"x" * MAX_BODY)})
    assert r.status_code == 413


def test_non_utf8_is_400_naming_the_fix(client: httpx.Client) -> None:
    r = client.post("/v1/analyze", content="caf\u00e9".encode("cp1252"), headers={"content-type": "text/plain"})
    assert r.status_code == 400 and "UTF-8" in r.json()["detail"].upper() and "?encoding=" in r.json()["detail"]
    r = client.post("/v1/analyze", content=b'{"text": "caf\xe9"}', headers={"content-type": "application/json"})
    assert r.status_code == 400 and "UTF-8" in r.json()["detail"]
    r = client.post("/v1/analyze", content=b"%PDF-1.7\n\x00\x01binary", headers={"content-type": "text/plain"})
    assert r.status_code == 400 and "pdf" in r.json()["detail"].lower()


def test_wrong_json_shape_is_422_with_the_field(client: httpx.Client) -> None:
    r = client.post("/v1/analyze", json={"text": 5})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "text"]
    r = client.post("/v1/analyze", json={"body": "x"})
    assert r.status_code == 422 and ["body", "text"] in [d["loc"] for d in r.json()["detail"]]
    r = client.post("/v1/analyze", json={"text": "x", "targets": "NATO"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "targets"]
    r = client.post("/v1/analyze", json=["x"])
    assert r.status_code == 422
    r = client.post("/v1/compare", json={"articles": [{"text": "only one"}]})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "articles"]
    r = client.post("/v1/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "not JSON" in r.json()["detail"]


def test_empty_text_gives_an_empty_profile(client: httpx.Client) -> None:
    for text in ("", "   \n "):
        r = client.post("/v1/analyze", json={"text": text})
        assert r.status_code == 200 and r.json()["sentences"] == [] and r.json()["profile"]["n_sentences"] == 0


def test_html_page_as_text_names_text_format(client: httpx.Client) -> None:
    r = client.post("/v1/analyze", json={"text": "<!doctype html><html><body><p>Hi.</p></body></html>"})
    assert r.status_code == 400 and "text_format" in r.json()["detail"]


def test_csv_without_the_text_column_names_the_columns(client: httpx.Client) -> None:
    r = client.post("/v1/batch", files={"file": ("corpus.csv", b"id,body,outlet\n1,Hello.,A\n")})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "'text'" in detail and "['id', 'body', 'outlet']" in detail and "text_column" in detail


def test_unknown_and_unfinished_jobs(client: httpx.Client) -> None:
    assert client.get("/v1/jobs/" + "0" * 32).status_code == 404
    assert client.get("/v1/jobs/../../etc/passwd").status_code == 404
    assert client.get("/v1/jobs/nothex/result").status_code == 404


def test_served_report_escapes_user_text(client: httpx.Client) -> None:
    text = " ".join(f"Say {p} now." for p in INJECTIONS)
    r = client.post("/v1/analyze?format=html", json={"text": text, "targets": [INJECTIONS[4]], "title": INJECTIONS[1]})
    assert r.status_code == 200
    html = r.text
    for p in INJECTIONS[:2] + INJECTIONS[4:]:
        assert p not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert html.count("</script>") == 2  # the data block and the one real script
    assert html.count("</style>") == 1
    body = {"articles": [{"text": text, "label": INJECTIONS[0]}, {"text": "Plain.", "label": INJECTIONS[4]}]}
    html = client.post("/v1/compare?format=html", json=body).text
    assert INJECTIONS[0] not in html and INJECTIONS[4] not in html and "<img" not in html


def test_page_and_assets_are_served_with_a_strict_csp(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and 'id="tab-compare"' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "unsafe-inline" not in csp
    for name in ("app.js", "app.css"):
        assert client.get(f"/assets/{name}").status_code == 200
    assert client.get("/assets/..%2fapp.py").status_code == 404
    for url in ("http://", "https://", "//cdn"):
        assert url not in r.text and url not in client.get("/assets/app.js").text


# ---------------------------------------------------------------------------------------------- auth, queue
@pytest.fixture(scope="module")
def guarded(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A token-protected server with a 2-article queue and no micro-batching (so the queue fills)."""
    tmp = tmp_path_factory.mktemp("serve-guarded")
    srv = start_server(
        tmp, tiny_model_dir, "--token", "s3cret", "--queue-size", "2", "--max-batch", "1", "--max-wait-ms", "0"
    )
    try:
        yield srv
    finally:
        srv.kill()


def test_token_is_required_on_every_api_call(guarded: Server) -> None:
    ok = {"Authorization": "Bearer s3cret"}
    with httpx.Client(base_url=guarded.url, timeout=60) as c:
        calls = [
            ("GET", "/v1/models", {}),
            ("POST", "/v1/analyze", {"json": {"text": "Hi."}}),
            ("POST", "/v1/compare", {"json": {"articles": [{"text": "A."}, {"text": "B."}]}}),
            ("POST", "/v1/batch", {"files": {"file": ("c.csv", b"text\nHi.\n")}}),
            ("GET", "/v1/jobs/" + "0" * 32, {}),
        ]
        for method, url, kw in calls:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
                r = c.request(method, url, headers=headers, **kw)
                assert r.status_code == 401, (method, url, headers)
                assert r.headers["www-authenticate"] == "Bearer" and "Authorization: Bearer" in r.json()["detail"]
        assert c.get("/v1/models", headers=ok).status_code == 200
        assert c.post("/v1/analyze", json={"text": "Hi."}, headers=ok).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/").status_code == 200  # no data there
        job = c.post("/v1/batch", files={"file": ("c.csv", b"text\nHi there.\n")}, headers=ok).json()
        assert wait_job(c, job["id"], headers=ok)["state"] == "done"
        assert c.get(f"/v1/jobs/{job['id']}/result").status_code == 401
        assert c.get(f"/v1/jobs/{job['id']}/result", headers=ok).status_code == 200


def test_full_queue_gives_503_with_retry_after(guarded: Server) -> None:
    ok = {"Authorization": "Bearer s3cret"}
    text = " ".join(f"Sentence {i} about NATO and the reckless plan." for i in range(60))

    def post(_: int) -> httpx.Response:
        with httpx.Client(base_url=guarded.url, timeout=120) as c:
            return c.post("/v1/analyze", json={"text": text}, headers=ok)

    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        results = list(pool.map(post, range(24)))
    codes = sorted(r.status_code for r in results)
    assert set(codes) <= {200, 503}, codes  # never another error, never a hang (the pool returned)
    busy = [r for r in results if r.status_code == 503]
    assert busy, codes
    assert all(r.headers["retry-after"] == "1" and "queue is full" in r.json()["detail"] for r in busy)
    assert any(r.status_code == 200 for r in results)
    with httpx.Client(base_url=guarded.url, timeout=60) as c:
        assert c.get("/healthz").json()["refused"] >= len(busy)


# ---------------------------------------------------------------------------------------------- restart, shutdown
def _corpus(path: Path, n: int) -> Path:
    lines = [json.dumps({"doc": f"d{i}", "text": f"Doc {i} opens. Doc {i} goes on. Doc {i} ends."}) for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows_done(jobs_dir: Path, job_id: str) -> int:
    manifest = jobs_dir / job_id / "articles.parquet.parts" / "manifest.json"
    return int(json.loads(manifest.read_text(encoding="utf-8"))["rows_done"]) if manifest.exists() else 0


def _check_exactly_once(client: httpx.Client, job_id: str, n: int) -> None:
    arts = [json.loads(x) for x in client.get(f"/v1/jobs/{job_id}/result").text.splitlines()]
    assert sorted(a["doc"] for a in arts) == sorted(f"d{i}" for i in range(n))  # each row once
    assert all(a["status"] == "ok" and a["n_sentences"] == 3 for a in arts)
    sents = [json.loads(x) for x in client.get(f"/v1/jobs/{job_id}/result?table=sentences").text.splitlines()]
    keys = [(s["doc"], s["sentence_index"]) for s in sents]
    assert len(keys) == len(set(keys)) == 3 * n


def test_killed_server_resumes_the_job_exactly_once(tiny_model_dir: Path, tmp_path: Path) -> None:
    n = 300
    jobs_dir = tmp_path / "jobs"
    srv = start_server(tmp_path, tiny_model_dir, "--job-chunk-size", "10", jobs_dir=jobs_dir, log="first.log")
    try:
        with httpx.Client(base_url=srv.url, timeout=60) as c:
            data = _corpus(tmp_path / "corpus.jsonl", n).read_bytes()
            job_id = c.post("/v1/batch", files={"file": ("corpus.jsonl", data)}, data={"id_column": "doc"}).json()["id"]
            deadline = time.monotonic() + 120
            while _rows_done(jobs_dir, job_id) < 20 and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        srv.kill()  # mid-job, no shutdown code
    done_before = _rows_done(jobs_dir, job_id)
    assert 0 < done_before < n, "the job should have been interrupted mid-way"
    assert json.loads((jobs_dir / job_id / "job.json").read_text())["state"] == "running"
    srv = start_server(tmp_path, tiny_model_dir, "--job-chunk-size", "10", jobs_dir=jobs_dir, log="second.log")
    try:
        with httpx.Client(base_url=srv.url, timeout=60) as c:
            status = wait_job(c, job_id)
            assert status["state"] == "done"
            assert status["summary"]["rows"] == n
            # the restarted server scored only what was not committed before the kill
            assert status["summary"]["run_rows"] == n - done_before
            _check_exactly_once(c, job_id, n)
    finally:
        srv.kill()


def test_sigterm_finishes_requests_checkpoints_the_job_and_exits(tiny_model_dir: Path, tmp_path: Path) -> None:
    n = 300
    jobs_dir = tmp_path / "jobs"
    srv = start_server(
        tmp_path, tiny_model_dir, "--job-chunk-size", "10", "--shutdown-timeout", "20", jobs_dir=jobs_dir
    )
    with httpx.Client(base_url=srv.url, timeout=120) as c:
        data = _corpus(tmp_path / "corpus.jsonl", n).read_bytes()
        job_id = c.post("/v1/batch", files={"file": ("corpus.jsonl", data)}, data={"id_column": "doc"}).json()["id"]
        deadline = time.monotonic() + 120
        while _rows_done(jobs_dir, job_id) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        text = " ".join(f"Sentence {i} says the plan is reckless." for i in range(200))
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pending = pool.submit(c.post, "/v1/analyze", json={"text": text})
            time.sleep(0.3)  # the request is in flight
            t0 = time.monotonic()
            code = srv.terminate(timeout=90)
            elapsed = time.monotonic() - t0
            response = pending.result(timeout=60)
    assert code == 0, srv.output()
    assert elapsed < 60
    assert response.status_code == 200 and response.json()["profile"]["n_sentences"] == 200
    meta = json.loads((jobs_dir / job_id / "job.json").read_text())
    done_before = _rows_done(jobs_dir, job_id)
    assert meta["state"] == "interrupted" and 0 < done_before < n, (meta, done_before)
    assert "shut down cleanly" in srv.output()
    srv = start_server(tmp_path, tiny_model_dir, "--job-chunk-size", "10", jobs_dir=jobs_dir, log="second.log")
    try:
        with httpx.Client(base_url=srv.url, timeout=60) as c:
            status = wait_job(c, job_id)
            assert status["summary"]["run_rows"] == n - done_before
            _check_exactly_once(c, job_id, n)
    finally:
        srv.kill()
