"""Text-layer evaluation: sentences, quotes and speakers, discovered targets.

    python benchmarks/text_layer.py                     # all sets, --nlp default where supported
    python benchmarks/text_layer.py --nlp none          # rules only
    python benchmarks/text_layer.py --json out.json     # also write every number as JSON
    python benchmarks/text_layer.py --sets polnear --errors   # + the dev (even) half's speaker errors

Data (read from ``../shared/data``, never copied): PolNeAR dev (quotes and speakers), GUM news
(discovered targets: kinds, alias grouping, coverage), and the project's own small set in
``benchmarks/text_layer/`` (``quotes.jsonl``, ``targets.jsonl``) when it exists. See
``benchmarks/README.md`` for the exact definitions behind every number.

One adapter (:func:`run_text_layer`) calls the text layer; keyword arguments and attributes that only
newer versions have (``segment(nlp=)``, ``Segmentation.parses``, ``discover_targets(parses=)``,
``Segmentation.attributions``) are used only when present, so the same script measures old and new code.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from _common import git_commit  # benchmarks/_common.py (scripts run from benchmarks/)

import framing
from framing.segment import segment
from framing.targets import discover_targets, find_mentions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OWN = ROOT / "benchmarks" / "text_layer"
POLNEAR = DATA / "polnear" / "dev.jsonl"
GUM = DATA / "gum_news" / "gum_news.jsonl"

Span = tuple[int, int]
_SKIP = object()  # "do not pass this keyword"

# Capitalised words that are not names: subject pronouns and determiners / quantifiers.
NOT_NAMES = frozenset(
    "i you he she it we they the a an this that these those my your his her its our their "
    "some any many much most more few several both all each every either neither no other another such one".split()
)
# Words that carry no content when comparing a speaker with a descriptive source.
FUNCTION_WORDS = NOT_NAMES | frozenset(
    "me him us them of in on at to for from by with about as and or but who whom whose which what "
    "is are was were be been has have had said says told according mr mrs ms dr".split()
)
_CAP = re.compile(r"[A-Z][\w’'.\-]*")
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_MARK_PAIR = re.compile(r"[“”\"]([^“”\"]*)[“”\"]")
_EDGE_PUNCT = re.compile(r"^[\s,.;:!?…—–\-]+|[\s,.;:!?…—–\-]+$")
GUM_TYPES = {"person": "person", "organization": "organisation", "place": "place"}


# ---------------------------------------------------------------------------------------------- adapter
@dataclass
class Layer:
    """What the text layer produced for one text, in version-independent form."""

    sentences: list[Span]
    quotes: list[Any]
    attributions: list[Any] | None  # None: this version has no indirect attributions
    targets: list[Any] = field(default_factory=list)
    mentions: list[list[Span]] = field(default_factory=list)  # per target
    seconds: float = 0.0


def load_nlp(name: str) -> object:
    """The ``nlp=`` value to pass: ``None`` for rules only, a pipeline, or ``_SKIP`` when unsupported."""
    if "nlp" not in inspect.signature(segment).parameters:
        return _SKIP
    if name == "none":
        return None
    if importlib.util.find_spec("framing.segment.nlp") is None:
        return _SKIP
    return importlib.import_module("framing.segment.nlp").load_pipeline(name)


def nlp_label(nlp: object, name: str) -> str:
    if nlp is _SKIP:
        return "rules only (this version takes no nlp=)"
    return "none (rules only)" if nlp is None else name


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    return name in inspect.signature(fn).parameters


def run_text_layer(
    text: str, nlp: object = _SKIP, *, max_targets: int = 1000, min_mentions: int | None = None
) -> Layer:
    """Segment ``text``, discover targets and find their mentions, timing the whole call.

    ``nlp`` is passed to ``segment`` unless it is ``_SKIP``; ``min_mentions=None`` keeps the library default.
    """
    t0 = time.perf_counter()
    seg = segment(text) if nlp is _SKIP else segment(text, nlp=nlp)
    kw: dict[str, Any] = {"max_targets": max_targets}
    if min_mentions is not None:
        kw["min_mentions"] = min_mentions
    parses = getattr(seg, "parses", None)
    if parses is not None and _accepts(discover_targets, "parses"):
        kw["parses"] = parses
    found = discover_targets(text, seg.sentences, **kw)
    mentions = [find_mentions(text, t) for t in found]
    seconds = time.perf_counter() - t0
    attributions = getattr(seg, "attributions", None)
    return Layer(
        sentences=[(s.start, s.end) for s in seg.sentences],
        quotes=list(seg.quotes),
        attributions=None if attributions is None else list(attributions),
        targets=found,
        mentions=mentions,
        seconds=seconds,
    )


# ---------------------------------------------------------------------------------------------- helpers
def _shown(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def name_tokens(s: str | None) -> set[str]:
    """Capitalised tokens of ``s`` that are not pronouns/determiners, lower-cased, ``'s`` and final dot stripped."""
    out: set[str] = set()
    for m in _CAP.finditer(s or ""):
        tok = re.sub(r"[’']s$", "", m.group().rstrip(".").lower())
        if tok and tok not in NOT_NAMES:
            out.add(tok)
    return out


def _norm(form: str) -> str:
    """Lower-cased, soft hyphens removed, whitespace collapsed."""
    return " ".join(form.replace("\u00ad", "").lower().split())


def content_words(s: str | None) -> set[str]:
    words = (re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(s or ""))
    return {w for w in words if w not in FUNCTION_WORDS}


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_quote(quotes: Sequence[Any], span: Span) -> Any | None:
    """The predicted quote overlapping ``span`` the most, or ``None``."""
    scored = [(overlap((q.start, q.end), span), i) for i, q in enumerate(quotes)]
    scored = [x for x in scored if x[0] > 0]
    return quotes[max(scored)[1]] if scored else None


def strip_edges(s: str) -> str:
    return _EDGE_PUNCT.sub("", s)


def ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | None]:
    p, r = ratio(tp, n_pred), ratio(tp, n_gold)
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"precision": p, "recall": r, "f1": f}


def timed_layers(texts: Iterable[str], nlp: object, **kw: Any) -> tuple[list[Layer], dict[str, float]]:
    layers = [run_text_layer(t, nlp, **kw) for t in texts]
    secs = sum(x.seconds for x in layers)
    n_sent = sum(len(x.sentences) for x in layers)
    return layers, {
        "documents": len(layers),
        "sentences": n_sent,
        "seconds": secs,
        "sentences_per_s": ratio(n_sent, secs),
    }


# ---------------------------------------------------------------------------------------------- PolNeAR
def quote_stretches(text: str, spans: Iterable[Sequence[Any]]) -> list[Span]:
    """Stretches between consecutive quote marks (any direction) inside the content spans, marks excluded."""
    out: list[Span] = []
    for s, e, *_ in spans:
        out += [(s + m.start(1), s + m.end(1)) for m in _MARK_PAIR.finditer(text[s:e])]
    return out


def _exact(text: str, quote: Any, span: Span) -> bool:
    return strip_edges(text[quote.start : quote.end]) == strip_edges(text[span[0] : span[1]])


def _match_quote(text: str, quotes: Sequence[Any], stretches: Sequence[Span]) -> tuple[Any | None, bool]:
    """(predicted quote for the quotation, whether its words equal a gold stretch's words)."""
    for span in stretches:
        for q in quotes:
            if overlap((q.start, q.end), span) and _exact(text, q, span):
                return q, True
    return next((q for q in (best_quote(quotes, s) for s in stretches) if q is not None), None), False


class DirectUnit(NamedTuple):
    """One PolNeAR direct quotation: its gold source, the predicted quote found for it, and whether
    that quote's words equal a gold stretch's words."""

    source: str | None
    quote: Any | None
    exact: bool

    @property
    def speaker(self) -> str | None:
        return None if self.quote is None else self.quote.speaker

    def name_match(self) -> bool:
        return bool(name_tokens(self.speaker) & name_tokens(self.source))

    def content_match(self) -> bool:
        if self.source is None:
            return self.quote is not None and self.speaker is None
        return bool(content_words(self.speaker) & content_words(self.source))

    def context(self, text: str, width: int = 160) -> str:
        """The text around the quote (or nothing), on one line: for error listings."""
        if self.quote is None:
            return ""
        s, e = max(0, self.quote.start - width), min(len(text), self.quote.end + width)
        return " ".join(text[s:e].split())


def _direct_units(doc: dict[str, Any], layer: Layer) -> Iterator[DirectUnit]:
    """One unit per direct attribution with at least one quote-mark stretch in its content."""
    for att in doc["attributions"]:
        stretches = quote_stretches(doc["text"], att["content"]) if att["direct"] else []
        if stretches:
            quote, exact = _match_quote(doc["text"], layer.quotes, stretches)
            yield DirectUnit(att["source"][2] if att["source"] else None, quote, exact)


def half_of(index: int) -> str:
    """PolNeAR documents by position in ``dev.jsonl`` (from 0): ``"even"`` is the development half that
    may be inspected and tuned on, ``"odd"`` the held-out half (aggregate numbers only)."""
    return "odd" if index % 2 else "even"


def speaker_errors(docs: list[dict[str, Any]], layers: list[Layer]) -> list[str]:
    """Named direct quotations whose speaker is wrong, in the EVEN (development) half only."""
    out: list[str] = []
    for i, (doc, layer) in enumerate(zip(docs, layers, strict=True)):
        if half_of(i) != "even":
            continue
        for u in _direct_units(doc, layer):
            if name_tokens(u.source) and not u.name_match():
                out.append(f"[doc {i}] gold {u.source!r} | predicted {u.speaker!r}\n    {u.context(doc['text'])}")
    return out


def _direct_scores(units: list[DirectUnit]) -> dict[str, Any]:
    named = [u for u in units if name_tokens(u.source)]
    exact = [u for u in named if u.exact]
    return {
        "named": {
            "n": len(named),
            "quote_recall_exact": ratio(len(exact), len(named)),
            "quote_recall_overlap": ratio(sum(u.quote is not None for u in named), len(named)),
            "speaker_name_match": ratio(sum(u.name_match() for u in named), len(named)),
            "speaker_name_match_of_exact_found": ratio(sum(u.name_match() for u in exact), len(exact)),
        },
        "all_direct": {
            "n": len(units),
            "null_source": sum(u.source is None for u in units),
            "source_without_content_word": sum(u.source is not None and not content_words(u.source) for u in units),
            "speaker_content_word_match": ratio(sum(u.content_match() for u in units), len(units)),
        },
    }


def _indirect_scores(docs: list[dict[str, Any]], layers: list[Layer]) -> dict[str, Any]:
    n = attributed = right = 0
    supported = all(x.attributions is not None for x in layers)
    for doc, layer in zip(docs, layers, strict=True):
        for att in doc["attributions"]:
            if att["direct"] or not att["source"] or not name_tokens(att["source"][2]):
                continue
            n += 1
            if not supported:
                continue
            spans = [(c[0], c[1]) for c in att["content"]]
            hits = [a for a in layer.attributions or [] if any(overlap((a.start, a.end), s) for s in spans)]
            hits = [a for a in hits if getattr(a, "kind", "indirect") == "indirect"]
            attributed += bool(hits)
            right += any(name_tokens(a.speaker) & name_tokens(att["source"][2]) for a in hits)
    if not supported:
        return {"n": n, "attributed": None, "speaker_name_match": None}
    return {"n": n, "attributed": ratio(attributed, n), "speaker_name_match": ratio(right, n)}


def _spread(per_doc: list[list[DirectUnit]], draws: int = 2000) -> dict[str, Any]:
    """How much a half's speaker score depends on a few documents (aggregate numbers only): a 95%
    interval from resampling documents (seeded), and the errors in the three documents with the most."""
    docs = [
        (len(us), sum(u.name_match() for u in us))
        for us in ([u for u in us if name_tokens(u.source)] for us in per_doc)
    ]
    docs = [d for d in docs if d[0]]
    rng = random.Random(0)
    scores = sorted(
        sum(r for _, r in pick) / sum(n for n, _ in pick)
        for pick in ([rng.choice(docs) for _ in docs] for _ in range(draws))
    )
    errors = sorted((n - r for n, r in docs), reverse=True)
    return {
        "docs": len(docs),
        "doc_bootstrap_ci95": [round(scores[int(0.025 * draws)], 4), round(scores[int(0.975 * draws) - 1], 4)],
        "errors": sum(errors),
        "errors_in_worst_3_docs": sum(errors[:3]),
    }


def eval_polnear(nlp: object, errors: bool = False) -> dict[str, Any]:
    docs = read_jsonl(POLNEAR)
    layers, timing = timed_layers((d["text"] for d in docs), nlp, min_mentions=1)
    per_doc = [list(_direct_units(d, x)) for d, x in zip(docs, layers, strict=True)]
    units = [u for us in per_doc for u in us]
    halves = {
        h: _direct_scores([u for i, us in enumerate(per_doc) if half_of(i) == h for u in us])["named"]
        | _spread([us for i, us in enumerate(per_doc) if half_of(i) == h])
        for h in ("even", "odd")
    }
    out = {**_direct_scores(units), "named_by_half": halves}
    out |= {"indirect_named": _indirect_scores(docs, layers), "timing": timing}
    if errors:
        out["dev_speaker_errors"] = speaker_errors(docs, layers)
    return out


# ---------------------------------------------------------------------------------------------- GUM news
@dataclass(frozen=True)
class PredMention:
    start: int
    end: int
    target: int
    kind: str


def _gum_gold(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in doc["mentions"] if m["proper"] and m["type"] in GUM_TYPES]


def _core_span(text: str, m: dict[str, Any]) -> Span:
    """A gold span without a leading "the " and a possessive "'s" (the predictions never include them)."""
    s, e = m["start"], m["end"]
    if text[s : s + 4].lower() == "the ":
        s += 4
    if text[e - 2 : e] in ("'s", "’s"):
        e -= 2
    return s, e


def _predicted(layer: Layer) -> list[PredMention]:
    return [PredMention(s, e, i, t.kind) for i, t in enumerate(layer.targets) for s, e in layer.mentions[i]]


def align(text: str, pred: list[PredMention], gold: list[dict[str, Any]], exact: bool) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs: identical core spans, or greedy by overlap IoU."""
    cands: list[tuple[float, int, int]] = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            gs = _core_span(text, g) if exact else (g["start"], g["end"])
            inter = overlap((p.start, p.end), gs)
            if (p.start, p.end) == gs if exact else inter > 0:
                cands.append((-inter / (max(p.end, gs[1]) - min(p.start, gs[0])), i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def bcubed(items: list[tuple[Any, Any]]) -> tuple[float, float]:
    """B-cubed (precision, recall) sums over ``items`` = (predicted group, gold group) pairs."""
    pred, gold, both = Counter(p for p, _ in items), Counter(g for _, g in items), Counter(items)
    p = sum(both[(a, b)] / pred[a] for a, b in items)
    r = sum(both[(a, b)] / gold[b] for a, b in items)
    return p, r


def pair_counts(items: list[tuple[Any, Any]]) -> tuple[int, int, int]:
    """(pairs together in both, pairs together in prediction, pairs together in gold)."""

    def pairs(c: Counter[Any]) -> int:
        return sum(k * (k - 1) // 2 for k in c.values())

    return pairs(Counter(items)), pairs(Counter(p for p, _ in items)), pairs(Counter(g for _, g in items))


def _gum_doc(doc: dict[str, Any], layer: Layer, exact: bool) -> Counter[str]:
    text, pred, gold = doc["text"], _predicted(layer), _gum_gold(doc)
    pairs = align(text, pred, gold, exact)
    items = [(pred[i].target, gold[j]["cluster"]) for i, j in pairs]
    bp, br = bcubed(items)
    both, in_pred, in_gold = pair_counts(items)
    kind_ok = sum(GUM_TYPES[gold[j]["type"]] == pred[i].kind for i, j in pairs)
    confusion = Counter(f"kind {gold[j]['type']} -> {pred[i].kind}" for i, j in pairs)
    return confusion + Counter(
        gold=len(gold), pred=len(pred), aligned=len(pairs), kind_ok=kind_ok, bp=bp, br=br,
        pair_both=both, pair_pred=in_pred, pair_gold=in_gold,
    )  # fmt: skip


def _type_accuracy(c: Counter[str], gold_type: str) -> float | None:
    row = {k: v for k, v in c.items() if k.startswith(f"kind {gold_type} -> ")}
    return ratio(row.get(f"kind {gold_type} -> {GUM_TYPES[gold_type]}", 0), sum(row.values()))


def _gum_scores(c: Counter[str]) -> dict[str, Any]:
    bp, br = ratio(c["bp"], c["aligned"]), ratio(c["br"], c["aligned"])
    pw = prf(c["pair_both"], c["pair_pred"], c["pair_gold"])
    return {
        "gold_mentions": c["gold"],
        "predicted_mentions": c["pred"],
        "aligned": c["aligned"],
        "coverage": ratio(c["aligned"], c["gold"]),
        "predicted_aligned": ratio(c["aligned"], c["pred"]),
        "kind_accuracy": ratio(c["kind_ok"], c["aligned"]),
        "kind_accuracy_by_gold_type": {t: _type_accuracy(c, t) for t in GUM_TYPES},
        "kind_confusion": {k[5:]: v for k, v in sorted(c.items()) if k.startswith("kind ")},
        "bcubed": {"precision": bp, "recall": br, "f1": 2 * bp * br / (bp + br) if bp and br else None},
        "pairwise_f1": pw["f1"],
    }


def eval_gum(nlp: object) -> dict[str, Any]:
    docs = read_jsonl(GUM)
    layers, timing = timed_layers((d["text"] for d in docs), nlp, min_mentions=1)
    out: dict[str, Any] = {"timing": timing}
    for mode in ("exact", "overlap"):
        total: Counter[str] = Counter()
        for doc, layer in zip(docs, layers, strict=True):
            total.update(_gum_doc(doc, layer, mode == "exact"))
        out[mode] = _gum_scores(total)
    return out


# ---------------------------------------------------------------------------------------------- own set
def _ends(text: str, spans: Iterable[Sequence[int]]) -> set[int]:
    return {s + len(text[s:e].rstrip()) for s, e in spans}


def speaker_correct(gold: dict[str, Any], predicted: str | None) -> bool:
    """Gold null: predicted None/"unattributed". Else an equal name; for a named speaker a shared name
    token; for a descriptive one ("the Ruiz campaign", "Vance's aide") its head noun."""
    if gold["speaker"] is None:
        return predicted is None or predicted.strip().lower() == "unattributed"
    if not predicted or predicted.strip().lower() == "unattributed":
        return False
    names = [*gold.get("speaker_names", []), gold["speaker"]]
    if any(_norm(predicted) == _norm(n) for n in names):
        return True
    words = _WORD.findall(gold["speaker"])
    if words and words[-1][0].islower():  # a description: compare head nouns
        return words[-1].lower() in {w.lower() for w in _WORD.findall(predicted)}
    return bool(set().union(*(name_tokens(n) for n in names)) & name_tokens(predicted))


def _quotes_doc(doc: dict[str, Any], layer: Layer, per: dict[str, Counter[str]]) -> Counter[str]:
    text = doc["text"]
    gold_ends, pred_ends = _ends(text, doc["sentences"]), _ends(text, layer.sentences)
    c = Counter(sent_tp=len(gold_ends & pred_ends), sent_pred=len(pred_ends), sent_gold=len(gold_ends))
    for g in doc["quotes"]:
        q = best_quote(layer.quotes, (g["start"], g["end"]))
        hit = Counter(n=1, found=q is not None, speaker_ok=q is not None and speaker_correct(g, q.speaker))
        per[g.get("pattern", "?")].update(hit)
        c.update(hit)
    return c


def _quote_scores(c: Counter[str]) -> dict[str, Any]:
    return {"n": c["n"], "quote_recall": ratio(c["found"], c["n"]), "speaker_accuracy": ratio(c["speaker_ok"], c["n"])}


def eval_own_quotes(nlp: object, own: Path = OWN) -> dict[str, Any]:
    path = own / "quotes.jsonl"
    if not path.exists() or not path.stat().st_size:
        return {"file": _shown(path), "status": "not yet available"}
    docs = read_jsonl(path)
    layers, timing = timed_layers((d["text"] for d in docs), nlp)
    total: Counter[str] = Counter()
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, layer in zip(docs, layers, strict=True):
        total.update(_quotes_doc(doc, layer, per))
    return {
        "file": _shown(path),
        "documents": len(docs),
        "sentence_ends": prf(total["sent_tp"], total["sent_pred"], total["sent_gold"]),
        **_quote_scores(total),
        "per_pattern": {k: _quote_scores(v) for k, v in sorted(per.items())},
        "timing": timing,
    }


def _gold_aliases(entity: dict[str, Any]) -> set[str]:
    return {_norm(a) for a in [entity["name"], *entity.get("aliases", [])]}


def _pred_aliases(target: Any) -> set[str]:
    return {_norm(a) for a in [target.name, *target.aliases]}


def _targets_doc(doc: dict[str, Any], layer: Layer) -> Counter[str]:
    entities = doc["entities"]
    gold = [_gold_aliases(e) for e in entities]
    once = set().union(*(_gold_aliases(e) for e in doc.get("mentioned_once", [])))
    not_targets = {_norm(x) for x in doc.get("not_targets", [])}
    c = Counter(pred=len(layer.targets), gold=len(entities))
    matched: set[int] = set()
    for t in layer.targets:
        mine = _pred_aliases(t)
        hits = [j for j, g in enumerate(gold) if g & mine]
        matched.update(hits)
        best = max(hits, key=lambda j: len(gold[j] & mine), default=None)
        c.update(
            pred_matched=bool(hits) or bool(once & mine),
            pred_once=not hits and bool(once & mine),
            kind_ok=best is not None and entities[best]["kind"] == t.kind,
            mixed=sum(entities[j]["kind"] == "person" for j in hits) >= 2,
            not_target=_norm(t.name) in not_targets,
        )
    c["gold_matched"] = len(matched)
    c.update(_same_entity(doc, layer))
    return c


def _same_entity(doc: dict[str, Any], layer: Layer) -> Counter[str]:
    """same_entity groups whose forms all sit in one predicted target's aliases."""
    groups = doc.get("same_entity", [])
    alias_sets = [_pred_aliases(t) for t in layer.targets]
    together = sum(any({_norm(f) for f in g} <= s for s in alias_sets) for g in groups)
    return Counter(same_groups=len(groups), same_together=together)


def eval_own_targets(nlp: object, own: Path = OWN) -> dict[str, Any]:
    path = own / "targets.jsonl"
    if not path.exists() or not path.stat().st_size:
        return {"file": _shown(path), "status": "not yet available"}
    docs = read_jsonl(path)
    layers, timing = timed_layers((d["text"] for d in docs), nlp)
    c: Counter[str] = Counter()
    for doc, layer in zip(docs, layers, strict=True):
        c.update(_targets_doc(doc, layer))
    return {
        "file": _shown(path),
        "documents": len(docs),
        "predicted_targets": c["pred"],
        "gold_entities": c["gold"],
        "precision": ratio(c["pred_matched"], c["pred"]),
        "predicted_matching_mentioned_once": c["pred_once"],
        "recall": ratio(c["gold_matched"], c["gold"]),
        "kind_accuracy": ratio(c["kind_ok"], c["pred_matched"] - c["pred_once"]),
        "mixed_person_groups": c["mixed"],
        "not_targets_predicted": c["not_target"],
        "same_entity_groups": c["same_groups"],
        "same_entity_kept_together": c["same_together"],
        "timing": timing,
    }


# ---------------------------------------------------------------------------------------------- report
def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _row(label: str, value: str, note: str = "") -> str:
    return f"  {label:<58}{value:>10}  {note}".rstrip()


def format_polnear(r: dict[str, Any]) -> list[str]:
    nm, ad, ind = r["named"], r["all_direct"], r["indirect_named"]
    return [
        f"PolNeAR dev: direct quotations, gold source with a name (n = {nm['n']})",
        _row("quote recall (quoted words equal)", pct(nm["quote_recall_exact"])),
        _row("quote recall (overlap)", pct(nm["quote_recall_overlap"])),
        _row("speaker shares a name with the source (of all n)", pct(nm["speaker_name_match"])),
        _row("  same, of the quotes found with equal words", pct(nm["speaker_name_match_of_exact_found"])),
        *(
            _row(
                f"  {label} (n = {h['n']})",
                pct(h["speaker_name_match"]),
                f"docs resampled: {pct(h['doc_bootstrap_ci95'][0])}-{pct(h['doc_bootstrap_ci95'][1])}; "
                f"{h['errors_in_worst_3_docs']} of {h['errors']} errors in 3 of {h['docs']} docs",
            )
            for label, h in (
                ("even docs, development half", r["named_by_half"]["even"]),
                ("odd docs, held-out half", r["named_by_half"]["odd"]),
            )
        ),
        f"PolNeAR dev: all direct quotations (n = {ad['n']}; {ad['null_source']} without source, "
        f"{ad['source_without_content_word']} with a pronoun-only source)",
        _row("speaker shares a content word with the source", pct(ad["speaker_content_word_match"])),
        f"PolNeAR dev: indirect attributions, gold source with a name (n = {ind['n']})",
        _row("attributed to a speaker", pct(ind["attributed"])),
        _row("  speaker shares a name with the source", pct(ind["speaker_name_match"])),
    ]


def format_gum(r: dict[str, Any]) -> list[str]:
    ex, ov = r["exact"], r["overlap"]

    def line(label: str, key: Callable[[dict[str, Any]], float | None]) -> str:
        return f"  {label:<48}{pct(key(ex)):>10}{pct(key(ov)):>10}"

    return [
        f"GUM news: named person/organization/place mentions (gold {ex['gold_mentions']}, "
        f"predicted {ex['predicted_mentions']})",
        f"  {'':<48}{'exact':>10}{'overlap':>10}",
        line("coverage (gold mentions aligned)", lambda x: x["coverage"]),
        line("predicted mentions aligned", lambda x: x["predicted_aligned"]),
        line("kind accuracy (aligned)", lambda x: x["kind_accuracy"]),
        *(line(f"  gold {t}", lambda x, t=t: x["kind_accuracy_by_gold_type"][t]) for t in GUM_TYPES),
        line("alias grouping B-cubed P", lambda x: x["bcubed"]["precision"]),
        line("alias grouping B-cubed R", lambda x: x["bcubed"]["recall"]),
        line("alias grouping B-cubed F1", lambda x: x["bcubed"]["f1"]),
        line("alias grouping pairwise F1", lambda x: x["pairwise_f1"]),
    ]


def format_own(q: dict[str, Any], t: dict[str, Any]) -> list[str]:
    out = [f"Own set, quotes ({q['file']})"]
    if "status" in q:
        out.append(f"  {q['status']}")
    else:
        se = q["sentence_ends"]
        out += [
            _row("sentence ends P / R / F1", f"{pct(se['precision'])} / {pct(se['recall'])} / {pct(se['f1'])}"),
            _row(f"quote recall (n = {q['n']})", pct(q["quote_recall"])),
            _row("speaker accuracy (of all gold quotes)", pct(q["speaker_accuracy"])),
        ]
        for name, p in q["per_pattern"].items():
            out.append(
                _row(f"  {name} (n = {p['n']})", pct(p["speaker_accuracy"]), f"quote recall {pct(p['quote_recall'])}")
            )
    out.append(f"Own set, targets ({t['file']})")
    if "status" in t:
        return [*out, f"  {t['status']}"]
    return out + [
        _row(
            f"discovered-target precision ({t['predicted_targets']} predicted)",
            pct(t["precision"]),
            f"{t['predicted_matching_mentioned_once']} match a mentioned-once entity",
        ),
        _row(f"recall ({t['gold_entities']} gold entities)", pct(t["recall"])),
        _row("kind accuracy (matched)", pct(t["kind_accuracy"])),
        _row("mixed person groups (goal 0)", str(t["mixed_person_groups"])),
        _row("predicted targets listed as not_targets", str(t["not_targets_predicted"])),
        _row("same_entity groups kept in one target", f"{t['same_entity_kept_together']}/{t['same_entity_groups']}"),
    ]


def format_timing(results: dict[str, Any]) -> list[str]:
    out = ["Wall time of the text layer (segment + discover_targets + find_mentions)"]
    for name, r in results.items():
        tm = r.get("timing") if isinstance(r, dict) else None
        if tm:
            out.append(
                f"  {name:<14}{tm['documents']:>5} docs {tm['sentences']:>6} sentences "
                f"{tm['seconds']:>7.2f} s {tm['sentences_per_s'] or 0:>8.0f} sentences/s"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nlp", default="default", help='spaCy pipeline for segment(nlp=) where supported; "none" = rules')
    ap.add_argument("--json", type=Path, help="write all numbers to this JSON file")
    ap.add_argument("--own", type=Path, default=OWN, help="folder with the own set (quotes.jsonl, targets.jsonl)")
    ap.add_argument(
        "--sets", default="polnear,gum,own", help="comma-separated subset of polnear,gum,own to run (default: all)"
    )
    ap.add_argument(
        "--errors",
        action="store_true",
        help="also list the PolNeAR speaker errors (named direct quotations) of the even-numbered, development "
        "half; the odd half is held out and never listed",
    )
    args = ap.parse_args(argv)
    sets = {x.strip() for x in args.sets.split(",") if x.strip()}
    if not sets <= {"polnear", "gum", "own"}:
        ap.error(f"--sets: unknown {sorted(sets - {'polnear', 'gum', 'own'})}")
    t0 = time.perf_counter()
    nlp = load_nlp(args.nlp)
    run_text_layer('Warm-up. "Yes," Ann Lee said. The union said it would strike.', nlp)
    load_s = time.perf_counter() - t0
    results: dict[str, Any] = {}
    if "polnear" in sets:
        results["polnear"] = eval_polnear(nlp, args.errors)
    if "gum" in sets:
        results["gum_news"] = eval_gum(nlp)
    if "own" in sets:
        results["own_quotes"] = eval_own_quotes(nlp, args.own)
        results["own_targets"] = eval_own_targets(nlp, args.own)
    meta = {"framing": framing.__version__, "commit": git_commit(), "nlp": nlp_label(nlp, args.nlp)}
    meta |= {"nlp_load_seconds": load_s, "total_seconds": time.perf_counter() - t0}
    print(f"framing {meta['framing']} ({meta['commit']}) | nlp: {meta['nlp']} | total {meta['total_seconds']:.1f} s")
    blocks = []
    if "polnear" in results:
        blocks.append(format_polnear(results["polnear"]))
    if "gum_news" in results:
        blocks.append(format_gum(results["gum_news"]))
    if "own_quotes" in results:
        blocks.append(format_own(results["own_quotes"], results["own_targets"]))
    blocks.append(format_timing(results))
    for block in blocks:
        print("\n" + "\n".join(block))
    if args.errors and "polnear" in results:
        errs = results["polnear"]["dev_speaker_errors"]
        print(f"\nPolNeAR speaker errors, even-numbered (development) documents only ({len(errs)})")
        for line in errs:
            print("  " + line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, **results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
