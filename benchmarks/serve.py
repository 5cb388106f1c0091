"""``framing serve`` under load: micro-batched server throughput vs ``Analyzer.pipe``, latency, memory.

    python benchmarks/serve.py                           # 16 clients x 4 articles of 30 sentences, shipped model
    python benchmarks/serve.py --articles-per-client 2 --nlp none    # quicker
    python benchmarks/serve.py --rss 300,3000            # + server RSS after 300 and after 3,000 small requests

In one run, on the same articles (30 sentences each, drawn with a fixed seed from the example articles):

1. **pipe**: ``Analyzer.pipe`` over all articles in this process (sentences/s; model load and a warm-up
   excluded).
2. **server, micro-batching**: ``framing serve`` as a subprocess on a free loopback port; ``--clients``
   threads each post their articles to ``/v1/analyze`` one after another (sentences/s over the
   wall time, latency p50/p95 per request). Throughput should reach >= 80% of pipe.
3. **server, no micro-batching** (``--max-batch 1``): the same load, for comparison.
4. with ``--rss N1,N2``: RSS of the micro-batching server after N1 and after N2 small requests
   (memory should stay flat: within 10%).

Clients and server share the machine (on the 2-core box: all on one core with ``taskset -c 1``), so
the wall-clock numbers include the clients' own CPU use and whatever else runs there; the per-CPU-second
rates (the server process's CPU time vs the pipe's) do not depend on that contention. Loopback only;
everything is bounded.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SENTENCES_PER_ARTICLE = 30


def example_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "examples" / "articles").glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        out += [s.strip() for s in re.split(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c])", text) if len(s.split()) >= 4]
    return out


def make_articles(n: int, seed: int = 0) -> list[str]:
    """``n`` articles of 30 sentences each, sampled (with a fixed seed) from the example articles."""
    pool = example_sentences()
    rng = random.Random(seed)
    return [" ".join(rng.choice(pool) for _ in range(SENTENCES_PER_ARTICLE)) for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------- measurements
def run_pipe(articles: list[str], model: str, nlp: str | None) -> dict[str, Any]:
    from framing import Analyzer

    analyzer = Analyzer(model, nlp=nlp)
    list(analyzer.pipe(articles[:2]))  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    profiles = list(analyzer.pipe(articles))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = sum(p.n_sentences for p in profiles)
    return {
        "articles": len(articles),
        "sentences": n,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "sentences_per_s": n / seconds,
        "sentences_per_cpu_s": n / cpu,
    }


class ServerProcess:
    def __init__(self, model: str, nlp: str | None, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
        cmd = [sys.executable, "-m", "framing", "serve", "--port", str(self.port), "--model", model]
        cmd += ["--nlp", nlp or "none", "--jobs-dir", tempfile.mkdtemp(prefix="framing-bench-jobs-"), *extra]
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait_ready(self, timeout: float = 600) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read().decode() if self.proc.stderr else ''}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.5)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_load(url: str, articles: list[str], clients: int, pid: int) -> dict[str, Any]:
    import httpx

    shares = [articles[i::clients] for i in range(clients)]
    latencies: list[float] = []
    sentences = 0

    def client(share: list[str]) -> tuple[list[float], int]:
        lat, n = [], 0
        with httpx.Client(base_url=url, timeout=600) as c:
            for text in share:
                t = time.perf_counter()
                r = c.post("/v1/analyze", json={"text": text})
                lat.append(time.perf_counter() - t)
                r.raise_for_status()
                n += r.json()["profile"]["n_sentences"]
        return lat, n

    with httpx.Client(base_url=url, timeout=600) as c:  # warm-up
        c.post("/v1/analyze", json={"text": articles[0]}).raise_for_status()
        before = c.get("/healthz").json()
    t0, c0 = time.perf_counter(), cpu_seconds(pid)
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for lat, n in pool.map(client, shares):
            latencies += lat
            sentences += n
    seconds, cpu = time.perf_counter() - t0, cpu_seconds(pid) - c0
    with httpx.Client(base_url=url, timeout=60) as c:
        after = c.get("/healthz").json()
    batches = after["batches"] - before["batches"]
    latencies.sort()
    return {
        "clients": clients,
        "articles": len(articles),
        "sentences": sentences,
        "seconds": round(seconds, 2),
        "server_cpu_seconds": round(cpu, 2),
        "sentences_per_s": sentences / seconds,
        "sentences_per_server_cpu_s": sentences / cpu,
        "latency_p50_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 3),
        "mean_batch": round((after["articles"] - before["articles"]) / max(batches, 1), 2),
        "largest_batch": after["largest_batch"],
    }


def run_rss(server: ServerProcess, counts: list[int], clients: int) -> dict[str, float]:
    import httpx

    text = " ".join(make_articles(1, seed=1)[0].split(". ")[:3])
    out: dict[str, float] = {}
    done = 0

    def worker(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=600) as c:
            for _ in range(n):
                c.post("/v1/analyze", json={"text": text}).raise_for_status()

    for target in counts:
        todo = target - done
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            list(pool.map(worker, [todo // clients + (i < todo % clients) for i in range(clients)]))
        done = target
        out[str(target)] = round(rss_mb(server.proc.pid), 1)
        print(f"  RSS after {target:,} requests: {out[str(target)]:.1f} MB", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=str(ROOT / "models" / "framing-default"))
    p.add_argument("--nlp", default="default", help="spaCy pipeline, or none (rule-based)")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--articles-per-client", type=int, default=4)
    p.add_argument("--rss", default="", help="request counts for the memory check, e.g. 1000,10000")
    p.add_argument("--skip-unbatched", action="store_true")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "serve.json"))
    args = p.parse_args(argv)
    nlp = None if args.nlp.lower() == "none" else args.nlp
    articles = make_articles(args.clients * args.articles_per_client)
    results: dict[str, Any] = {"threads": os.environ.get("OMP_NUM_THREADS"), "cpus": sorted(os.sched_getaffinity(0))}
    print(f"{len(articles)} articles x {SENTENCES_PER_ARTICLE} sentences, {args.clients} clients", flush=True)
    results["pipe"] = run_pipe(articles, args.model, nlp)
    pipe = results["pipe"]
    print(f"pipe: {pipe['sentences_per_s']:.1f} sentences/s, {pipe['sentences_per_cpu_s']:.1f} per CPU s", flush=True)
    configs = [("server_microbatch", ())] + (
        [] if args.skip_unbatched else [("server_no_microbatch", ("--max-batch", "1"))]
    )
    for name, extra in configs:
        server = ServerProcess(args.model, args.nlp, *extra)
        try:
            server.wait_ready()
            results[name] = run_load(server.url, articles, args.clients, server.proc.pid)
            r = results[name]
            ratio = r["sentences_per_s"] / results["pipe"]["sentences_per_s"]
            cpu_ratio = r["sentences_per_server_cpu_s"] / results["pipe"]["sentences_per_cpu_s"]
            r["ratio_to_pipe"], r["cpu_ratio_to_pipe"] = round(ratio, 3), round(cpu_ratio, 3)
            print(
                f"{name}: {r['sentences_per_s']:.1f} sentences/s ({ratio:.0%} of pipe; per CPU second "
                f"{r['sentences_per_server_cpu_s']:.1f}, {cpu_ratio:.0%} of pipe's), p50 {r['latency_p50_s']} s, "
                f"p95 {r['latency_p95_s']} s, mean batch {r['mean_batch']} articles",
                flush=True,
            )
            if args.rss and name == "server_microbatch":
                counts = [int(x) for x in args.rss.split(",")]
                results["rss_mb"] = run_rss(server, counts, args.clients)
                a, b = results["rss_mb"][str(counts[0])], results["rss_mb"][str(counts[-1])]
                results["rss_growth"] = round(b / a - 1, 4)
                print(f"RSS growth {counts[0]:,} -> {counts[-1]:,} requests: {results['rss_growth']:+.1%}", flush=True)
        finally:
            server.stop()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
