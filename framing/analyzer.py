"""The ``Analyzer``: text -> segmentation -> one encoder pass per sentence -> heads -> profile.

Batch scoring, the CLI and the Ray integration all drive this class.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, fields, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from framing._precision import check_precision, resolve_precision, use_precision
from framing._version import __version__
from framing.errors import ConfigError, InputTypeError, InputValueError, ModelLoadError
from framing.inputs import (
    Document,
    check_input_format,
    html_to_document,
    looks_like_html,
    read_document,
    replace_control_chars,
    text_problem,
)
from framing.profile.aggregate import build_profile
from framing.profile.cues import find_cues
from framing.profile.frames import build_frames
from framing.profile.speakers import link_speakers
from framing.results import STANCE_LABELS, ArticleProfile, Quote, Sentence, Span, Stance
from framing.segment import Segmentation, SentenceSegment, segment_texts
from framing.targets import Target, find_mentions, resolve_targets
from framing.targets.entities import related_targets
from framing.targets.mentions import span_outside_targets

if TYPE_CHECKING:
    from framing.modeling.alignment import SpanPrediction
    from framing.modeling.hf import HFClassifier
    from framing.modeling.scorer import Scorer
    from framing.tasks import TaskSpec

logger = logging.getLogger(__name__)

__all__ = ["Analyzer", "analyze", "default_model_path", "large_model_path", "read_text", "DEFAULT_MAX_CHARS"]

DEFAULT_MAX_CHARS = 2_000_000
TargetsArg = Sequence[str | Target] | None
TextArg = str | Document


def default_model_path() -> Path:
    """The embedded default model folder: ``$FRAMING_DEFAULT_MODEL`` or ``models/framing-default``."""
    env = os.environ.get("FRAMING_DEFAULT_MODEL")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models" / "framing-default"


def large_model_path() -> Path:
    """The optional large stance model folder (``Analyzer(model="large")``): ``$FRAMING_LARGE_MODEL`` or
    ``models/framing-large`` (a LoRA adapter and a stance head on all-mpnet-base-v2, which is fetched once)."""
    env = os.environ.get("FRAMING_LARGE_MODEL")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "models" / "framing-large"


def read_text(path: str | os.PathLike[str], encoding: str = "utf-8") -> str:
    """Read a text file as it is (``.gz`` decompressed; HTML not converted: see :func:`framing.read_document`).

    A decoding failure names the file and how to pass its encoding; a binary file (PDF, DOCX, image,
    NUL bytes) is refused with a :class:`~framing.errors.TextDecodeError` whatever the encoding.
    """
    return read_document(path, encoding, input_format="text").text


@dataclass(frozen=True)
class _Role:
    """A role's model and task. Tuple-style indexing (``roles.loaded[2]``) still works, with a DeprecationWarning."""

    model: int  # index into Analyzer.models
    task: str  # task name in that model

    def __getitem__(self, i: int) -> Any:
        warnings.warn(
            f"indexing {type(self).__name__} like a tuple is deprecated; use its fields "
            f"({', '.join(f.name for f in fields(self))})",
            DeprecationWarning,
            stacklevel=2,
        )
        return astuple(self)[i]


@dataclass(frozen=True)
class LoadedRole(_Role):
    """The ``loaded`` role (``loaded_model=``): a ``sentence``-kind task and its positive ("loaded") label."""

    positive_label: str


@dataclass(frozen=True)
class SpanRole(_Role):
    """The ``span`` role (``span_model=``): a ``span``-kind task (loaded words and phrases)."""


@dataclass(frozen=True)
class StanceRole(_Role):
    """The ``stance`` role (``stance_model=``): a ``stance``-kind task and the columns of its labels.

    ``columns``: the positions of negative, neutral and positive among the model's labels.
    """

    columns: tuple[int, int, int]


@dataclass(frozen=True)
class FramesRole(_Role):
    """The ``frames`` role: the main model's first ``frames``-kind task, its frames and tuned thresholds."""

    labels: tuple[str, ...]
    thresholds: Mapping[str, float]


@dataclass(frozen=True)
class Roles:
    """Which loaded model and task serves each role; None where no model serves it.

    ``frames`` comes from the main model only (its head reads the same encoder pass as the others).
    """

    loaded: LoadedRole | None
    span: SpanRole | None
    stance: StanceRole | None
    frames: FramesRole | None = None

    @property
    def spans(self) -> SpanRole | None:
        """Deprecated spelling of :attr:`span`."""
        warnings.warn("Analyzer.roles.spans is deprecated; use roles.span", DeprecationWarning, stacklevel=2)
        return self.span


#: the task kind each role takes from a model
ROLE_KINDS: Mapping[str, str] = {"loaded": "sentence", "span": "span", "stance": "stance", "frames": "frames"}


@dataclass(frozen=True)
class _TargetMentions:
    """The mentions of one target in one sentence: ``(start, end)`` offsets into the sentence."""

    target: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _SentenceInput:
    """One sentence to score: its text and the mentions of each target it mentions, in target order."""

    text: str
    mentions: tuple[_TargetMentions, ...] = ()

    @property
    def mention_groups(self) -> list[list[tuple[int, int]]]:
        """The mentions as a model's ``predict`` takes them: one group per target."""
        return [list(m.spans) for m in self.mentions]


@dataclass(frozen=True)
class _SentenceScores:
    """What the models said about one sentence: P(loaded), loaded spans, stance per mentioned target."""

    loaded: float | None = None
    spans: Sequence[SpanPrediction] = ()
    stance: Sequence[np.ndarray] = ()  # (negative, neutral, positive) per target, in mention order
    frames: np.ndarray | None = None  # the frames head's row (evidence, attention, context per frame)


class Analyzer:
    """Loads the classifiers once and analyses articles.

    Args:
        model: a framing model folder (or hub id) whose heads serve every role; ``"default"`` is the
            embedded model in ``models/framing-default`` (MiniLM-L6, one encoder pass per sentence: the
            fast option). ``"large"`` is the accurate option: ``stance`` from ``models/framing-large``
            (LoRA on all-mpnet-base-v2, 6-8 F1 points better on NewsMTSC), ``loaded`` and ``span`` from the
            default model, so each sentence costs a second, 5x larger encoder pass; it needs the backbone
            fetched once (``python -m framing.backbones fetch mpnet``). ``None`` loads no combined model.
        loaded_model, span_model, stance_model: override one role (``loaded``, ``span``, ``stance``) with
            another framing model folder or a plain transformers classifier (hub id or folder); prefix
            ``hf:`` to force the latter. A role takes the model's first task of its kind: ``sentence``
            for ``loaded``, ``span``, ``stance`` (:data:`ROLE_KINDS`).
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"`` …; default: CUDA when available, else CPU.
        precision: ``"auto"`` (bf16 autocast on CUDA where supported, else fp16; fp32 on CPU), ``"fp32"``,
            ``"bf16"``, ``"fp16"`` (autocast) or ``"int8"`` (dynamic int8 quantisation of the linear
            layers, CPU only: faster, about 1 label in 20 differs).
        int8: deprecated: ``int8=True`` is ``precision="int8"``.
        batch_size: sentences per encoder batch (sorted by length, padded per batch).
        loaded_threshold: a sentence counts as loaded when P(loaded) reaches this.
        span_threshold: a word is part of a loaded span when 1 - P(O) reaches this; default: the
            threshold tuned on dev data and stored in the span model's config, else 0.5.
        max_targets: how many targets to discover when the caller gives none.
        max_chars: longer texts are refused with an error (raise it for very long documents).
        nlp: the spaCy pipeline of the text layer (entities and the dependency parse for speakers and
            targets): ``"default"`` (``en_core_web_sm``), another installed pipeline's name
            (``"en_core_web_trf"``), a ``spacy.Language``, or ``None`` for the rule-based text layer.

    ``roles`` (:class:`Roles`) says which of ``models`` and which task serves each role.
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | None = "default",
        *,
        loaded_model: str | None = None,
        span_model: str | None = None,
        stance_model: str | None = None,
        device: str | None = None,
        precision: str = "auto",
        int8: bool = False,
        batch_size: int = 32,
        loaded_threshold: float = 0.5,
        span_threshold: float | None = None,
        max_targets: int = 6,
        max_chars: int = DEFAULT_MAX_CHARS,
        nlp: Any = "default",
    ) -> None:
        import torch

        from framing.segment.nlp import load_pipeline

        if batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
        if not 0.0 < loaded_threshold < 1.0 or (span_threshold is not None and not 0.0 < span_threshold < 1.0):
            raise ConfigError("loaded_threshold and span_threshold must lie strictly between 0 and 1")
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.precision = _precision_option(precision, int8, device)
        self.device = torch.device(device)
        self.batch_size = batch_size
        self.loaded_threshold = loaded_threshold
        self.max_targets = max_targets
        self.max_chars = max_chars
        t0 = time.perf_counter()
        if model is not None and str(model) == "large":
            # the large folder has a stance head only: the default model serves the other roles.
            # Checked first, so a missing backbone fails before anything loads.
            if stance_model is None:
                stance_model = str(_check_large_model())
            model = "default"
        self.nlp = load_pipeline(nlp)
        self.models: list[Scorer] = []
        sources: dict[str, int] = {}

        def add(source: Any, kind: str | None) -> int:
            key = f"{kind}:{source}" if kind else str(source)
            if key not in sources:
                sources[key] = len(self.models)
                self.models.append(self._load(source, kind))
            return sources[key]

        main = None if model is None else add(default_model_path() if str(model) == "default" else model, None)
        overrides = {"loaded": loaded_model, "span": span_model, "stance": stance_model}
        picks = {role: add(o, ROLE_KINDS[role]) if o else main for role, o in overrides.items()}
        self.roles = self._resolve_roles({**picks, "frames": main})
        if span_threshold is None:
            tuned = None
            if self.roles.span is not None:
                tuned = self.models[self.roles.span.model].extra_config.get("span_threshold")
            span_threshold = float(tuned) if tuned else 0.5
        self.span_threshold: float = span_threshold
        if self.roles.loaded is None and self.roles.span is None and self.roles.stance is None:
            raise ConfigError("no model gives any score: pass model='default' or a loaded/span/stance model")
        self.load_seconds = time.perf_counter() - t0
        logger.info("analyzer ready in %.1f s on %s", self.load_seconds, self.device)

    @property
    def int8(self) -> bool:
        """True when the models are int8-quantised (``precision="int8"``)."""
        return self.precision == "int8"

    def to(self, device: str | Any) -> Analyzer:
        """Move every model to ``device`` (``"cpu"``, ``"cuda:1"`` …) and return the analyzer."""
        import torch

        check_precision(self.precision, device)
        self.device = torch.device(device)
        for m in self.models:
            # _load gives a FramingModel (an nn.Module) or an HFClassifier (which holds one)
            (m if isinstance(m, torch.nn.Module) else cast("HFClassifier", m).model).to(self.device)
        logger.info("analyzer moved to %s", self.device)
        return self

    # ------------------------------------------------------------------ loading
    def _load(self, source: Any, kind: str | None) -> Scorer:
        """A :class:`~framing.modeling.scorer.Scorer`: a framing model folder or a plain transformers classifier."""
        from framing.modeling.hf import HFClassifier
        from framing.modeling.model import CONFIG_NAME, FramingModel

        s = str(source)
        if s.startswith("hf:"):
            return HFClassifier(s[3:], kind or "sentence", device=self.device)
        p = Path(s)
        if p.is_dir() and not (p / CONFIG_NAME).is_file() and (p / "config.json").is_file() and kind:
            return HFClassifier(s, kind, device=self.device)
        if not p.exists() and s == str(default_model_path()):
            raise ModelLoadError(
                f"the embedded default model folder {p} is missing: run from a checkout of framing that has "
                "models/framing-default, set FRAMING_DEFAULT_MODEL, or rebuild it with "
                "`python -m recipes.recipe --out models/framing-default` (from a checkout)"
            )
        m = FramingModel.from_pretrained(s, device=self.device)
        if self.precision == "int8":
            m.quantize_int8()
        return m

    def _resolve_roles(self, picks: Mapping[str, int | None]) -> Roles:
        """The task of each role: the first task of the role's kind in the model picked for it."""

        def first(role: str) -> tuple[int, TaskSpec] | None:
            i = picks[role]
            if i is None:
                return None
            for spec in self.models[i].tasks.values():
                if spec.kind == ROLE_KINDS[role]:
                    return i, spec
            return None

        loaded = span = stance = None
        if hit := first("loaded"):
            i, spec = hit
            loaded = LoadedRole(i, spec.name, spec.positive_label or spec.labels[-1])
        if hit := first("span"):
            span = SpanRole(hit[0], hit[1].name)
        if hit := first("stance"):
            i, spec = hit
            stance = StanceRole(i, spec.name, _stance_columns(spec.labels))
        frames = None
        if picks.get("frames") is not None and (hit := first("frames")):
            from framing.tasks.frames import frame_thresholds

            i, spec = hit
            thresholds = frame_thresholds(self.models[i].extra_config, spec.name, spec.labels)
            frames = FramesRole(i, spec.name, tuple(spec.labels), thresholds)
        return Roles(loaded, span, stance, frames)

    # ------------------------------------------------------------------ public API
    def analyze(
        self,
        text: TextArg,
        targets: TargetsArg = None,
        *,
        input_format: str = "text",
        show_progress_bar: bool | None = None,
    ) -> ArticleProfile:
        """Analyse one article: a str or a :class:`~framing.Document`.

        ``targets``: names (or :class:`Target`) to score; None discovers them. ``input_format``:
        ``"text"`` (default: a str is the article; a whole HTML page is refused with an error naming
        the fix), ``"html"`` (a str is an HTML page: its main text is extracted) or ``"auto"`` (HTML
        when the str starts with ``<!doctype html`` / ``<html``). ``show_progress_bar``: a bar over
        the encoder batches (None: only for long inputs when logging is at INFO).
        """
        profiles = self.pipe([text], targets=targets, input_format=input_format, show_progress_bar=show_progress_bar)
        return next(iter(profiles))

    def analyze_file(
        self,
        path: str | os.PathLike[str],
        targets: TargetsArg = None,
        encoding: str = "utf-8",
        *,
        input_format: str = "auto",
        show_progress_bar: bool | None = None,
    ) -> ArticleProfile:
        """Analyse a file read with :func:`framing.read_document` (``.gz``, HTML pages; binary files refused)."""
        doc = read_document(path, encoding, input_format=input_format)
        return self.analyze(doc, targets, show_progress_bar=show_progress_bar)

    def pipe(
        self,
        texts: Iterable[Any],
        targets: TargetsArg = None,
        *,
        batch_size: int | None = None,
        as_tuples: bool = False,
        chunk_size: int = 64,
        show_progress_bar: bool | None = None,
        input_format: str = "text",
    ) -> Iterator[Any]:
        """Analyse many articles (str or :class:`~framing.Document`) lazily, in order.

        Sentences of ``chunk_size`` articles share encoder batches of ``batch_size`` sentences (None:
        the analyzer's ``batch_size``). ``input_format`` applies to each str as in :meth:`analyze`.
        ``as_tuples=True``: ``texts`` yields ``(text, context)`` pairs, ``context`` a dict (or None)
        that may give that article's ``"targets"`` (instead of ``targets``) and an ``"id"`` (recorded
        in ``profile.meta["id"]``); yields ``(profile, context)``, like spaCy's ``nlp.pipe``.
        A single str is refused: wrap it (``pipe([text])``) or use :meth:`analyze`.
        """
        if isinstance(texts, (str, bytes, bytearray, Document)):
            raise InputTypeError(
                f"pipe() takes an iterable of texts, got a single {type(texts).__name__}; wrap a single text: "
                "pipe([text]) or use analyze(text)"
            )
        if batch_size is not None and batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
        fmt = check_input_format(input_format)
        it = iter(texts)
        while True:
            chunk = list(islice(it, chunk_size))
            if not chunk:
                return
            contexts = [_split_tuple(item) for item in chunk] if as_tuples else [(t, None) for t in chunk]
            items = [self._convert(t, fmt) for t, _ in contexts]
            per_item = [_context_targets(ctx, targets) for _, ctx in contexts]
            profiles = self._analyze_chunk(items, per_item, show_progress_bar, batch_size)
            if not as_tuples:
                yield from profiles
                continue
            for p, (_, ctx) in zip(profiles, contexts, strict=True):
                if ctx is not None and "id" in ctx:
                    p = replace(p, meta={**p.meta, "id": ctx["id"]})
                yield p, ctx

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _convert(item: Any, fmt: str) -> Any:
        """A str that ``fmt`` (``"html"``, or ``"auto"`` and it looks like a page) says is HTML -> Document."""
        if isinstance(item, str) and (fmt == "html" or (fmt == "auto" and looks_like_html(item))):
            return html_to_document(item)
        return item

    def _prepare(self, item: Any) -> _Prepared:
        """Check one input (a str or a Document, HTML already converted) and build the text the analysis
        runs on (see :class:`_Prepared`)."""
        if isinstance(item, Document):
            doc = item
        else:
            text = self.check_text(item)
            if looks_like_html(text):
                raise InputValueError(
                    "the text is a whole HTML page (it starts with <!doctype html> or <html>); analysing it would "
                    "score the markup. Extract its main text first: analyze(framing.html_to_document(text)), or "
                    "pass input_format='html' (command line: --text-format html)"
                )
            doc = Document(text)
        self.check_text(doc.text)
        work, n = replace_control_chars(doc.text)
        if not n:
            work = doc.text
        extra: dict[str, Any] = {}
        if doc.converted:
            extra["source"] = doc.source_info()
        if n:
            where = f" in {doc.source}" if doc.source else ""
            logger.warning(
                "replaced %d control character(s)%s with spaces for the analysis; offsets are unchanged", n, where
            )
            extra["control_characters_replaced"] = n
        return _Prepared(doc.text, work, extra)

    def check_text(self, text: Any) -> str:
        """``text`` if it is a str within ``max_chars``; else an :class:`InputTypeError`/:class:`InputValueError`.

        The check is :func:`framing.inputs.text_problem`'s, which batch scoring turns into row statuses.
        """
        problem = text_problem(text, self.max_chars)
        if problem in ("null text", "not a string"):
            raise InputTypeError(
                f"text must be str or framing.Document, got {type(text).__name__}"
                + ("; decode it first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else "")
            )
        if problem == "too long":
            raise InputValueError(
                f"text has {len(text):,} characters, more than max_chars={self.max_chars:,}; split the document "
                "or pass Analyzer(max_chars=...) to allow it"
            )
        return text

    def _analyze_chunk(
        self,
        texts: Sequence[TextArg],
        targets: Sequence[TargetsArg],
        show_progress_bar: bool | None,
        batch_size: int | None = None,
    ) -> list[ArticleProfile]:
        """Profiles of ``texts``, each scored for its own entry of ``targets``; sentences share batches."""
        items = [self._prepare(t) for t in texts]
        segs = segment_texts([item.work for item in items], nlp=self.nlp)  # one spaCy batch for the chunk
        tgts = [self._targets(item.work, seg, t) for item, t, seg in zip(items, targets, segs, strict=True)]
        inputs = [_sentence_inputs(item.work, seg, ts) for item, seg, ts in zip(items, segs, tgts, strict=True)]
        flat = [x for article in inputs for x in article]
        logger.info("scoring %d sentences of %d article(s)", len(flat), len(items))
        scores = iter(self._predict(flat, show_progress_bar, batch_size))
        profiles = []
        for item, seg, ts, article in zip(items, segs, tgts, inputs, strict=True):
            p = self._profile(item.work, seg, ts, list(islice(scores, len(article))), article)
            if item.extra:
                p = replace(p, meta={**p.meta, **item.extra})
            if item.work is not item.original:
                p = _with_original_text(p, item.original)
            profiles.append(p)
        return profiles

    def _targets(self, text: str, seg: Segmentation, targets: TargetsArg) -> list[Target]:
        if self.roles.stance is None or not seg.sentences:
            return []
        if targets is not None and (isinstance(targets, (str, bytes)) or not isinstance(targets, Sequence)):
            raise InputTypeError(f"targets must be a list of names, got {type(targets).__name__}: wrap it, e.g. [name]")
        spans = [(s.start, s.end) for s in seg.sentences]
        if targets is None:
            return resolve_targets(text, None, sentences=spans, max_targets=self.max_targets, parses=seg.parses)
        return resolve_targets(text, list(targets), sentences=spans, parses=seg.parses)

    def _predict(
        self, sentences: Sequence[_SentenceInput], show: bool | None, batch_size: int | None = None
    ) -> list[_SentenceScores]:
        """Run each distinct model once over all sentences, for the roles it serves; scores per sentence."""
        if not sentences:
            return []
        r = self.roles
        needs: dict[int, list[str]] = {}
        for role in (r.loaded, r.span, r.stance, r.frames):
            if role is not None:
                needs.setdefault(role.model, []).append(role.task)
        texts = [x.text for x in sentences]
        loaded: list[float | None] | None = None
        spans: list[Sequence[SpanPrediction]] | None = None
        stance: list[Sequence[np.ndarray]] | None = None
        frames: list[np.ndarray | None] | None = None
        for i, tasks in needs.items():
            want_mentions = r.stance is not None and r.stance.model == i
            with use_precision(self.precision):
                outs = self.models[i].predict(
                    texts,
                    [x.mention_groups for x in sentences] if want_mentions else None,
                    tasks=tasks,
                    batch_size=batch_size or self.batch_size,
                    span_threshold=self.span_threshold,
                    show_progress_bar=show,
                )
            if r.loaded and r.loaded.model == i:
                positive = self.models[i].tasks[r.loaded.task].labels.index(r.loaded.positive_label)
                loaded = [float(o.sentence[r.loaded.task][positive]) for o in outs]
            if r.span and r.span.model == i:
                spans = [o.spans[r.span.task] for o in outs]
            if r.stance and want_mentions:
                cols = list(r.stance.columns)
                stance = [[p[cols] for p in o.stance[r.stance.task]] for o in outs]
            if r.frames and r.frames.model == i:
                frames = [o.other.get(r.frames.task) for o in outs]
        n = len(sentences)
        return [
            _SentenceScores(loaded=a, spans=b, stance=c, frames=d)
            for a, b, c, d in zip(
                loaded or [None] * n, spans or [()] * n, stance or [()] * n, frames or [None] * n, strict=True
            )
        ]

    def _profile(
        self,
        text: str,
        seg: Segmentation,
        targets: Sequence[Target],
        scores: Sequence[_SentenceScores],
        inputs: Sequence[_SentenceInput],
    ) -> ArticleProfile:
        """The profile of one article from its segmentation, targets and per-sentence inputs and scores."""
        linked = {(q.start, q.end, q.kind): q for q in link_speakers((*seg.quotes, *seg.attributions), targets)}

        def relink(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
            return tuple(linked[(q.start, q.end, q.kind)] for q in quotes)

        target_names = [n for t in targets for n in (t.name, *t.aliases)]
        sentences = [
            self._sentence(text, seg, s, out, x, relink, target_names)
            for s, out, x in zip(seg.sentences, scores, inputs, strict=True)
        ]
        frames = {}
        if self.roles.frames is not None:
            role = self.roles.frames
            frames = build_frames(sentences, [out.frames for out in scores], role.labels, role.thresholds)
        counts = dict.fromkeys((t.name for t in targets), 0)  # every mention lies in some sentence
        for x in inputs:
            for m in x.mentions:
                counts[m.target] += len(m.spans)
        return build_profile(
            text,
            sentences,
            voice_at=seg.voice_at,
            quotes=relink(seg.quotes),
            attributions=relink(seg.attributions),
            targets={t.name: t.aliases for t in targets},
            mention_counts=counts,
            kinds={t.name: t.kind for t in targets},
            related=related_targets(targets),
            span_scorer=self.roles.span is not None,
            meta=self.meta(),
            loaded_threshold=self.loaded_threshold,
            frames=frames,
        )

    def _sentence(
        self,
        text: str,
        seg: Segmentation,
        s: SentenceSegment,
        out: _SentenceScores,
        x: _SentenceInput,
        relink: Callable[[Sequence[Quote]], tuple[Quote, ...]],
        target_names: Sequence[str],
    ) -> Sentence:
        """One result sentence: ``s`` with its scores at article offsets and its quotes linked to targets.

        Loaded spans exclude the targets' own names (``target_names``: every target's name and aliases).
        """
        spans = _loaded_spans(text, s.start, out.spans, [m.spans for m in x.mentions], target_names, seg)
        stance = {}
        for m, probs in zip(x.mentions, out.stance, strict=False):
            scores = {lab: float(p) for lab, p in zip(STANCE_LABELS, np.asarray(probs), strict=True)}
            stance[m.target] = Stance(
                target=m.target,
                label=max(scores, key=scores.__getitem__),
                scores=scores,
                mentions=tuple((s.start + a, s.start + b) for a, b in m.spans),
            )
        return Sentence(
            index=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            voice=s.voice,
            speaker=s.speaker,
            paragraph=s.paragraph,
            loaded=out.loaded,
            spans=spans,
            stance=stance,
            cues=tuple(find_cues(text, s.start, s.end, seg.voice_at)),
            quotes=relink(s.quotes),
            attributions=relink(s.attributions),
            loaded_threshold=self.loaded_threshold,
        )

    def meta(self) -> dict[str, Any]:
        """What produced the profiles (``ArticleProfile.meta``): version, models, thresholds, precision, nlp."""
        return {
            "framing_version": __version__,
            "models": [str(m.source or "?") for m in self.models],
            "loaded_threshold": self.loaded_threshold,
            "span_threshold": self.span_threshold,
            "int8": self.int8,
            "precision": resolve_precision(self.precision, self.device),
            "span_scorer": self.roles.span is not None,
            "nlp": None if self.nlp is None else f"{self.nlp.meta.get('lang', '?')}_{self.nlp.meta.get('name', '?')}",
        }


def _check_large_model() -> Path:
    """The large model's folder, after checking it and its backbone are there (before any model loads).

    A missing backbone raises :class:`ModelLoadError` naming the command that fetches it.
    """
    import json

    from framing.backbones import cache_root, fetch_command, find_spec
    from framing.modeling.backbone import resolve_backbone
    from framing.modeling.model import CONFIG_NAME

    folder = large_model_path()
    cfg_path = folder / CONFIG_NAME
    if not cfg_path.is_file():
        raise ModelLoadError(
            f"the large model folder {folder} is missing (no {CONFIG_NAME}): run from a checkout of framing that has "
            "models/framing-large, set FRAMING_LARGE_MODEL, or use model='default'"
        )
    try:
        backbone = str(json.loads(cfg_path.read_text(encoding="utf-8"))["backbone"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{cfg_path} is not a valid framing config ({exc}): check out the folder again") from exc
    try:
        resolve_backbone(backbone)
    except ModelLoadError as exc:
        spec = find_spec(backbone)
        if spec is None:
            raise
        raise ModelLoadError(
            f"model='large' runs on the {spec.hub_id} backbone (about 420 MB), which is not installed "
            f"({cache_root() / spec.folder} is missing): fetch it once with `{fetch_command(spec)}` (or "
            f"`make backbone-{spec.key}` in a checkout); model='default' needs no download"
        ) from exc
    return folder


def _loaded_spans(
    text: str,
    offset: int,
    predicted: Sequence[Any],
    groups: Sequence[Sequence[tuple[int, int]]],
    target_names: Sequence[str],
    seg: Segmentation,
) -> tuple[Span, ...]:
    """A sentence's loaded spans (offsets into ``text``) without the targets' own names.

    A span inside a target mention, or reading as a target's name or alias, is no loaded wording
    (an article about "Vortex" does not make "vortex" a loaded term); a mention at a span's edge is cut off.
    """
    mentions = [(offset + a, offset + b) for group in groups for a, b in group]
    spans = []
    for sp in predicted:
        kept = span_outside_targets(text, offset + sp.start, offset + sp.end, mentions, target_names)
        if kept is not None:
            spans.append(Span(kept[0], kept[1], text[kept[0] : kept[1]], sp.score, seg.voice_at(kept[0])))
    return tuple(spans)


def _precision_option(precision: str, int8: bool, device: Any) -> str:
    """The precision asked for, with the deprecated ``int8=True`` folded in (a DeprecationWarning)."""
    p = check_precision(precision)
    if int8:
        warnings.warn("Analyzer(int8=True) is deprecated; pass precision='int8'", DeprecationWarning, stacklevel=3)
        if p not in ("auto", "int8"):
            raise ConfigError(f"int8=True contradicts precision={precision!r}; pass precision='int8' only")
        p = "int8"
    return check_precision(p, device)


@dataclass(frozen=True)
class _Prepared:
    """One checked input: the user's text, the same-length copy the analysis runs on, extra meta."""

    original: str
    work: str
    extra: Mapping[str, Any]


def _with_original_text(profile: ArticleProfile, original: str) -> ArticleProfile:
    """``profile`` with its text and every sliced text (sentences, spans, cues, quotes, claims) from ``original``.

    The analysis copy has the same length as ``original`` (control characters replaced by spaces), so
    every offset stays valid and ``profile.text[s.start:s.end] == s.text`` holds for the user's text.
    """

    def cut(x: Any) -> Any:
        return replace(x, text=original[x.start : x.end])

    sentences = tuple(
        replace(
            s,
            text=original[s.start : s.end],
            spans=tuple(map(cut, s.spans)),
            cues=tuple(map(cut, s.cues)),
            quotes=tuple(map(cut, s.quotes)),
            attributions=tuple(map(cut, s.attributions)),
        )
        for s in profile.sentences
    )
    return replace(
        profile,
        text=original,
        sentences=sentences,
        quotes=tuple(map(cut, profile.quotes)),
        attributions=tuple(map(cut, profile.attributions)),
    )


def _sentence_inputs(text: str, seg: Segmentation, targets: Sequence[Target]) -> list[_SentenceInput]:
    """The sentences of one article to score, each with the mentions of the targets it mentions."""
    out = []
    for s in seg.sentences:
        mentions = []
        for t in targets:
            ms = find_mentions(text, t, s.start, s.end)
            if ms:
                mentions.append(_TargetMentions(t.name, tuple((a - s.start, b - s.start) for a, b in ms)))
        out.append(_SentenceInput(s.text, tuple(mentions)))
    return out


def _split_tuple(item: Any) -> tuple[Any, Mapping[str, Any] | None]:
    """``(text, context)`` of one ``pipe(as_tuples=True)`` item; a clear error for anything else."""
    if not isinstance(item, tuple) or len(item) != 2 or not (item[1] is None or isinstance(item[1], Mapping)):
        raise InputTypeError(
            f"pipe(as_tuples=True) takes (text, context) pairs with a dict (or None) as context, got "
            f"{type(item).__name__}; pass pairs such as (text, {{'id': 1, 'targets': ['NATO']}}) or drop as_tuples"
        )
    return item[0], item[1]


def _context_targets(context: Mapping[str, Any] | None, default: TargetsArg) -> TargetsArg:
    """The targets of one article: its context's ``"targets"`` when given, else ``default``."""
    if context is not None and context.get("targets") is not None:
        return context["targets"]
    return default


def _stance_columns(labels: Sequence[str]) -> tuple[int, int, int]:
    """Column of negative, neutral and positive among a stance model's labels (by name prefix)."""
    cols = []
    for want in ("neg", "neu", "pos"):
        hits = [i for i, lab in enumerate(labels) if str(lab).lower().startswith(want)]
        if len(hits) != 1:
            raise ModelLoadError(
                f"stance labels {list(labels)} do not map onto negative/neutral/positive; "
                "train the stance model with those label names"
            )
        cols.append(hits[0])
    return cols[0], cols[1], cols[2]


_DEFAULT: dict[str, Analyzer] = {}


def analyze(
    text: TextArg,
    targets: TargetsArg = None,
    *,
    input_format: str = "text",
    show_progress_bar: bool | None = None,
) -> ArticleProfile:
    """Analyse one article (str or :class:`~framing.Document`) with the embedded default models.

    The models are loaded once per process; the keywords are those of :meth:`Analyzer.analyze`.
    """
    if "default" not in _DEFAULT:
        _DEFAULT["default"] = Analyzer()
    return _DEFAULT["default"].analyze(text, targets, input_format=input_format, show_progress_bar=show_progress_bar)
