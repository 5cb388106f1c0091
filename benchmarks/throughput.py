"""Throughput: the full ``framing`` analysis vs one ``transformers.pipeline`` per task, same sentences, same models.

    python benchmarks/throughput.py                      # 2,000 sentences, fp32 + int8 + pipeline baseline
    python benchmarks/throughput.py --sentences 500      # quicker
    python benchmarks/throughput.py --rss-scaling        # + peak RSS of `framing score` on 10k vs 100k sentences

Each measurement runs in its own child process (so peak RSS is per measurement) within one run:

* **framing**: ``Analyzer.pipe`` over articles built from BABE test + NewsMTSC devtest sentences:
  segmentation, target discovery, one encoder pass per sentence shared by the loaded-sentence,
  loaded-span and stance heads (length-sorted dynamic batches, ``torch.inference_mode``), profiles.
* **pipeline baseline**: the same encoder weights and heads exported as plain transformers folders,
  run with ``transformers.pipeline`` defaults: ``text-classification`` on every sentence,
  ``token-classification`` on every sentence, and ``text-classification`` on every (sentence, target)
  pair that framing scored. The token-classification model is exactly framing's span head (checked:
  max |logit diff| is printed). framing's sentence head mean-pools and its stance head is an MLP over
  mention + sentence pooling; transformers has no such heads, so the baseline's sequence classifiers put
  the same head weights (sentence) / the stance head's output layer (stance) on BERT's [CLS] pooler: the
  same encoder compute (+ one 384x384 pooler layer), not the same probabilities. The baseline does no
  segmentation, target discovery or profiling (that work is only on framing's side of the ratio).
* **int8**: ``Analyzer(int8=True)`` on the same articles; agreement with fp32 per sentence.

Model loading is excluded from every throughput number; each side gets a warm-up call first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


STANCE = ("negative", "neutral", "positive")


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / (1024 * 1024)


# ---------------------------------------------------------------------------------------------- corpus
def source_sentences() -> list[str]:
    """BABE test sentences + NewsMTSC devtest sentences (the latter carry named targets)."""
    out: list[str] = []
    with open(DATA / "babe" / "babe_sg2.jsonl", encoding="utf-8") as fh:
        out += [r["text"] for r in map(json.loads, fh) if r.get("split") == "test"]
    for name in ("devtest_mt.jsonl", "devtest_rw.jsonl"):
        with open(DATA / "newsmtsc" / name, encoding="utf-8") as fh:
            out += [r["sentence_normalized"] for r in map(json.loads, fh)]
    # keep sentences well inside the model's max length, so neither side truncates
    return [s.strip() for s in out if 3 <= len(s.split()) <= 60]


def build_articles(n_sentences: int, per_article: int = 8, seed: int = 0) -> list[str]:
    pool = source_sentences()
    rng = random.Random(seed)
    order: list[str] = []
    while len(order) < n_sentences:
        batch = list(pool)
        rng.shuffle(batch)
        order += batch
    order = order[:n_sentences]
    return [" ".join(order[i : i + per_article]) for i in range(0, len(order), per_article)]


# ---------------------------------------------------------------------------------------------- phases
def phase_export(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Export the framing model's encoder + heads as standard transformers classifier folders."""
    import torch
    from transformers import BertForSequenceClassification, BertForTokenClassification

    from framing.modeling.model import FramingModel

    # the export needs transformers' BertModel (its config and state-dict names), not framing's fast encoder
    os.environ["FRAMING_FAST_ENCODER"] = "0"
    m = FramingModel.from_pretrained(args.model, device="cpu")
    enc = m.encoder
    if getattr(enc.config, "model_type", None) != "bert":
        raise SystemExit(f"export supports BERT encoders (the default MiniLM); got {enc.config.model_type}")
    kinds = {spec.kind: name for name, spec in reversed(list(m.tasks.items()))}
    info: dict[str, Any] = {}
    state = enc.state_dict()

    def fill(hf: Any, head: torch.nn.Linear) -> list[str]:
        missing, unexpected = hf.bert.load_state_dict(state, strict=False)
        with torch.no_grad():
            hf.classifier.weight.copy_(head.weight)
            hf.classifier.bias.copy_(head.bias)
        return list(missing)

    torch.manual_seed(0)
    for kind, cls in (("sentence", BertForSequenceClassification), ("stance", BertForSequenceClassification)):
        spec = m.tasks[kinds[kind]]
        cfg = enc.config.__class__.from_dict(enc.config.to_dict())
        cfg.num_labels = len(spec.labels)
        cfg.id2label = dict(enumerate(spec.labels))
        cfg.label2id = {v: k for k, v in cfg.id2label.items()}
        hf = cls(cfg).eval()
        head = m.heads[kinds[kind]].out
        info[f"{kind}_missing"] = fill(hf, head)
        hf.save_pretrained(work / kind)
        m.tokenizer.save_pretrained(work / kind)
    spec = m.tasks[kinds["span"]]
    cfg = enc.config.__class__.from_dict(enc.config.to_dict())
    cfg.num_labels = len(spec.outputs)
    cfg.id2label = dict(enumerate(spec.outputs))
    cfg.label2id = {v: k for k, v in cfg.id2label.items()}
    tok_model = BertForTokenClassification(cfg).eval()
    info["span_missing"] = fill(tok_model, m.heads[kinds["span"]].out)
    tok_model.save_pretrained(work / "span")
    m.tokenizer.save_pretrained(work / "span")
    # the exported token classifier computes exactly framing's span logits
    sents = build_articles(16, per_article=1)
    enc_in = m.tokenizer(sents, padding=True, truncation=True, max_length=m.max_length, return_tensors="pt")
    with torch.inference_mode():
        ours = m(enc_in["input_ids"], enc_in["attention_mask"], [kinds["span"]])[kinds["span"]]
        theirs = tok_model(**enc_in).logits
    mask = enc_in["attention_mask"].bool()
    info["span_max_abs_logit_diff"] = float((ours - theirs).abs()[mask].max())
    info["tasks"] = kinds
    return info


def _sentence_records(profiles: list[Any]) -> list[dict[str, Any]]:
    out = []
    for p in profiles:
        for s in p.sentences:
            out.append(
                {
                    "text": s.text,
                    "loaded": s.loaded,
                    "spans": [[sp.start - s.start, sp.end - s.start] for sp in s.spans],
                    "stance": {t: [st.scores[k] for k in STANCE] for t, st in s.stance.items()},
                }
            )
    return out


def phase_framing(args: argparse.Namespace, work: Path, int8: bool = False) -> dict[str, Any]:
    import torch

    from framing.analyzer import Analyzer

    torch.set_num_threads(args.threads)
    articles = build_articles(args.sentences)
    t0 = time.perf_counter()
    nlp = None if args.nlp == "none" else args.nlp
    a = Analyzer(args.model, device="cpu", precision="int8" if int8 else "fp32", batch_size=args.batch_size, nlp=nlp)
    load = time.perf_counter() - t0
    list(a.pipe(articles[:4], show_progress_bar=False))  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    profiles = list(a.pipe(articles, chunk_size=64, show_progress_bar=False))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    recs = _sentence_records(profiles)
    return {
        "articles": len(articles),
        "sentences": len(recs),
        "pairs": sum(len(r["stance"]) for r in recs),
        "seconds": dt,
        "cpu_seconds": cpu,
        "load_seconds": load,
        "peak_rss_mb": peak_rss_mb(),
        "records": recs,
    }


def phase_baseline(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    import torch
    from transformers import pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    recs = json.loads((work / "framing.json").read_text())["records"]
    sents = [r["text"] for r in recs]
    pairs = [{"text": r["text"], "text_pair": t} for r in recs for t in r["stance"]]
    t0 = time.perf_counter()
    clf = pipeline("text-classification", model=str(work / "sentence"), device="cpu")
    tok = pipeline("token-classification", model=str(work / "span"), device="cpu")
    stance = pipeline("text-classification", model=str(work / "stance"), device="cpu")
    load = time.perf_counter() - t0
    clf(sents[:2]), tok(sents[:2]), stance(pairs[:2] or [{"text": "a", "text_pair": "b"}])  # warm-up
    times = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    clf(sents)
    times["text-classification"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tok(sents)
    times["token-classification"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if pairs:
        stance(pairs)
    times["stance pairs"] = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {
        "sentences": len(sents),
        "pairs": len(pairs),
        "seconds": sum(times.values()),
        "cpu_seconds": cpu,
        "by_task": times,
        "load_seconds": load,
        "peak_rss_mb": peak_rss_mb(),
    }


def agreement(fp: list[dict[str, Any]], q: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(fp) == len(q) and all(a["text"] == b["text"] for a, b in zip(fp, q, strict=True))
    lab = [(a["loaded"] >= 0.5) == (b["loaded"] >= 0.5) for a, b in zip(fp, q, strict=True)]
    dl = [abs(a["loaded"] - b["loaded"]) for a, b in zip(fp, q, strict=True)]
    st_lab, st_d = [], []
    for a, b in zip(fp, q, strict=True):
        for t, pa in a["stance"].items():
            pb = b["stance"].get(t)
            if pb is None:
                continue
            st_lab.append(max(range(3), key=pa.__getitem__) == max(range(3), key=pb.__getitem__))
            st_d.append(max(abs(x - y) for x, y in zip(pa, pb, strict=True)))
    sa = [tuple(map(tuple, a["spans"])) for a in fp]
    sb = [tuple(map(tuple, b["spans"])) for b in q]
    span_same = sum(x == y for x, y in zip(sa, sb, strict=True)) / max(len(sa), 1)
    fa = {(i, *s) for i, x in enumerate(sa) for s in x}
    fb = {(i, *s) for i, x in enumerate(sb) for s in x}
    f1 = 2 * len(fa & fb) / max(len(fa) + len(fb), 1)
    return {
        "loaded_label_agreement": sum(lab) / max(len(lab), 1),
        "loaded_max_abs_diff": max(dl, default=0.0),
        "loaded_mean_abs_diff": sum(dl) / max(len(dl), 1),
        "stance_label_agreement": sum(st_lab) / max(len(st_lab), 1),
        "stance_max_abs_prob_diff": max(st_d, default=0.0),
        "stance_pairs": len(st_lab),
        "span_sentences_identical": span_same,
        "span_f1_vs_fp32": f1 if (fa or fb) else 1.0,
    }


def phase_score_rss(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from framing.cli import main

    argv = ["score", args.input, "-o", args.output, "--model", args.model, "--no-progress", "--restart"]
    argv += ["--batch-size", str(args.batch_size), "--summary-json", str(Path(args.output).with_suffix(".json"))]
    if args.rss_int8:
        argv.append("--int8")
    t0 = time.perf_counter()
    rc = main(argv)
    dt = time.perf_counter() - t0
    summary = json.loads(Path(args.output).with_suffix(".json").read_text())
    return {"rc": rc, "seconds": dt, "peak_rss_mb": peak_rss_mb(), "summary": summary}


# ---------------------------------------------------------------------------------------------- driver
def child(phase: str, args: argparse.Namespace, work: Path, extra: list[str] | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", phase, "--work", str(work), "--model", str(args.model)]
    cmd += ["--sentences", str(args.sentences), "--threads", str(args.threads), "--batch-size", str(args.batch_size)]
    cmd += ["--nlp", args.nlp]
    cmd += extra or []
    env = dict(os.environ, TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"phase {phase} failed (rc {proc.returncode})")
    return json.loads((work / f"{phase}.json").read_text())


def write_jsonl_corpus(path: Path, n_sentences: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(build_articles(n_sentences, per_article=10, seed=1)):
            fh.write(json.dumps({"id": f"a{i:07d}", "text": text}) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="framing model folder (default: the embedded default model)")
    ap.add_argument("--sentences", type=int, default=2000, help="input sentences (default 2000)")
    ap.add_argument("--threads", type=int, default=None, help="torch threads for every side (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=32, help="framing encoder batch size (default 32)")
    ap.add_argument("--no-int8", action="store_true", help="skip the int8 measurement")
    ap.add_argument(
        "--nlp", default="default", help="spaCy pipeline of the text layer for framing's side ('none': rules only)"
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip the pipeline baseline")
    ap.add_argument(
        "--rss-scaling", action="store_true", help="also stream 10k and 100k sentences through framing score"
    )
    ap.add_argument("--rss-int8", action="store_true", help="run the --rss-scaling jobs with --int8 (faster)")
    ap.add_argument("--rss-sizes", default="10000,100000", help="sentence counts for --rss-scaling")
    ap.add_argument("--json", default=None, help="write all numbers to this JSON file")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--output", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.model is None:
        from framing.analyzer import default_model_path

        args.model = str(default_model_path())
    if args.threads is None:
        args.threads = os.cpu_count() or 1
    if args.phase:
        work = Path(args.work)
        fn = {
            "export": lambda: phase_export(args, work),
            "framing": lambda: phase_framing(args, work),
            "int8": lambda: phase_framing(args, work, int8=True),
            "baseline": lambda: phase_baseline(args, work),
            "score-rss": lambda: phase_score_rss(args, work),
        }[args.phase]
        result = fn()
        (work / f"{args.phase}.json").write_text(json.dumps(result))
        return 0

    import torch
    import transformers

    import framing

    print(
        f"framing {framing.__version__} | torch {torch.__version__} | transformers {transformers.__version__} | "
        f"{os.cpu_count()} CPUs, {args.threads} torch threads | model {args.model} | nlp {args.nlp}"
    )
    report: dict[str, Any] = {"threads": args.threads, "model": args.model}
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        work = Path(tmp)
        fr = child("framing", args, work)
        print(
            f"\ncorpus: {fr['articles']} articles, {fr['sentences']} sentences, "
            f"{fr['pairs']} (sentence, target) stance pairs"
        )
        rate_f = fr["sentences"] / fr["seconds"]
        cpu_f = fr["sentences"] / fr["cpu_seconds"]
        print("                                   sentences/s  per CPU-s  wall s   peak RSS")
        print(
            f"framing  (full analysis, fp32)     {rate_f:8.1f}   {cpu_f:8.1f}  {fr['seconds']:7.1f}   "
            f"{fr['peak_rss_mb']:5.0f} MB   (load {fr['load_seconds']:.1f} s)"
        )
        report["framing"] = {k: v for k, v in fr.items() if k != "records"}
        if not args.no_baseline:
            ex = child("export", args, work)
            bl = child("baseline", args, work)
            rate_b = bl["sentences"] / bl["seconds"]
            cpu_b = bl["sentences"] / bl["cpu_seconds"]
            tasks = ", ".join(f"{k} {v:.1f} s" for k, v in bl["by_task"].items())
            print(
                f"pipeline baseline (3 pipelines)    {rate_b:8.1f}   {cpu_b:8.1f}  {bl['seconds']:7.1f}   "
                f"{bl['peak_rss_mb']:5.0f} MB   ({tasks})"
            )
            print(
                f"speed-up framing / pipeline: {rate_f / rate_b:.2f}x wall-clock, {cpu_f / cpu_b:.2f}x per CPU-second "
                "(the latter is robust to other load on a shared machine)"
            )
            diff = ex["span_max_abs_logit_diff"]
            print(f"  (exported token classifier = framing span head: max |logit diff| {diff:.2e})")
            report["baseline"], report["export"] = bl, ex
            report["speedup"] = rate_f / rate_b
            report["speedup_per_cpu_second"] = cpu_f / cpu_b
        if not args.no_int8:
            q = child("int8", args, work)
            rate_q = q["sentences"] / q["seconds"]
            cpu_q = q["sentences"] / q["cpu_seconds"]
            ag = agreement(fr["records"], q["records"])
            print(
                f"framing int8 (CPU, opt-in)         {rate_q:8.1f}   {cpu_q:8.1f}  {q['seconds']:7.1f}   "
                f"{q['peak_rss_mb']:5.0f} MB   ({rate_q / rate_f:.2f}x fp32 wall, {cpu_q / cpu_f:.2f}x per CPU-s)"
            )
            print(
                f"  int8 vs fp32: loaded label agreement {ag['loaded_label_agreement']:.1%} "
                f"(max |dP| {ag['loaded_max_abs_diff']:.3f}, mean {ag['loaded_mean_abs_diff']:.4f}); "
                f"stance label agreement {ag['stance_label_agreement']:.1%} over {ag['stance_pairs']} pairs "
                f"(max |dP| {ag['stance_max_abs_prob_diff']:.3f}); spans identical in "
                f"{ag['span_sentences_identical']:.1%} of sentences (span F1 {ag['span_f1_vs_fp32']:.3f})"
            )
            report["int8"] = {k: v for k, v in q.items() if k != "records"} | {"agreement": ag}
        if args.rss_scaling:
            mode = "int8" if args.rss_int8 else "fp32"
            print(f"\npeak RSS of `framing score` ({mode}, streamed JSONL -> Parquet, 10 sentences per article):")
            rss = {}
            for n in [int(x) for x in args.rss_sizes.split(",")]:
                src, out = work / f"corpus-{n}.jsonl", work / f"scores-{n}.parquet"
                write_jsonl_corpus(src, n)
                extra = ["--input", str(src), "--output", str(out)] + (["--rss-int8"] if args.rss_int8 else [])
                r = child("score-rss", args, work, extra)
                s = r["summary"]
                rss[n] = r
                print(
                    f"  {n:>8,} sentences ({s['rows']:,} articles, {s['sentences']:,} segmented): peak RSS "
                    f"{r['peak_rss_mb']:6.0f} MB, {r['seconds']:7.1f} s (incl. load and merge)"
                )
            sizes = sorted(rss)
            if len(sizes) >= 2:
                lo, hi = rss[sizes[0]]["peak_rss_mb"], rss[sizes[-1]]["peak_rss_mb"]
                print(f"  RSS {sizes[-1]:,} / {sizes[0]:,}: {hi / lo:.3f} (goal: within 1.20)")
            report["rss_scaling"] = rss
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
