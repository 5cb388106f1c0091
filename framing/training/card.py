"""Model cards (``README.md``) of framing model folders, as the Hugging Face Hub reads them.

A card is :class:`FramingCardData` rendered through a Jinja template: YAML front matter made by
``huggingface_hub.ModelCardData`` (license, base model, datasets, language, tags, metrics,
pipeline tag and a ``model-index`` of held-out results built from ``EvalResult``) followed by
the Markdown body. Every number comes from the folder's JSON files, so a card is regenerated,
never edited by hand::

    python -m framing.training.card models/framing-default           # rewrite README.md
    python -m framing.training.card models/framing-default --check   # exit 1 if README.md is stale

Which card a folder gets follows ``framing_config.json``'s ``extra.training``:

- the default-model recipe (``recipes/recipe.py`` of a checkout, ``python -m recipes.recipe``; its
  models record an id of :data:`RECIPE_IDS`): ``card_templates/framing-default.md`` over
  ``eval_heldout.json`` (``python -m recipes.heldout``) and ``training_history.json``;
  its data sources and license are :data:`RECIPE_DATA_SOURCES` / :data:`RECIPE_LICENSE`;
- the optional large model (``models/framing-large``, a stance head on all-mpnet-base-v2; its
  models record an id of :data:`LARGE_RECIPE_IDS`): ``card_templates/framing-large.md`` over the
  same two files, compared with the default model next to it (``../framing-default``) when present;
- the :class:`~framing.training.Trainer` (one task or several at once): ``card_templates/generic.md``
  over ``eval_results.json``, ``training_args.json`` and ``training_history.json``;
- anything else: the generic card from the config alone.

To add something to a card (a teacher model, distillation settings, calibration, another data
set), add a :class:`TrainingStep` (its ``settings`` and ``wall_seconds``), a :class:`DataSource`
(with every license statement in ``licenses``), a :class:`Metric` of a :class:`Result`, or a
field here, and say it in the template.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._version import __version__

if TYPE_CHECKING:
    from huggingface_hub import EvalResult, ModelCard, ModelCardData

logger = logging.getLogger(__name__)

__all__ = [
    "Metric",
    "Result",
    "DataSource",
    "TrainingStep",
    "FramingCardData",
    "model_card",
    "trainer_card_data",
    "multi_task_card_data",
    "recipe_card_data",
    "heldout_results",
    "card_data_for_folder",
    "write_card",
    "CARD_NAME",
    "RECIPE_DATA_SOURCES",
    "RECIPE_LICENSE",
    "RECIPE_IDS",
    "LARGE_RECIPE_IDS",
    "large_card_data",
]

CARD_NAME = "README.md"
TEMPLATES = Path(__file__).resolve().parent / "card_templates"
UNKNOWN_LICENSE = "unknown — state it (the license of the training data binds the model)"

# license ids the Hub knows (its `license:` field); anything else is written as `other` + `license_name`
HUB_LICENSES = frozenset(
    """apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0
    bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc
    cc0-1.0 cc-by-2.0 cc-by-2.5 cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0
    cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0 cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0
    cdla-sharing-1.0 cdla-permissive-1.0 cdla-permissive-2.0 wtfpl ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1
    eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl lgpl-2.1 lgpl-3.0 isc lppl-1.3c ms-pl mpl-2.0 odc-by odbl
    openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense zlib pddl lgpl-lr unknown other""".split()
)

# the Hub task type of a task kind, from the transformers Auto class a plain classifier of it would use
_HUB_TASK_TYPES = {
    "AutoModelForSequenceClassification": "text-classification",
    "AutoModelForTokenClassification": "token-classification",
}


# ---------------------------------------------------------------------------------------------- card data
@dataclass
class Metric:
    """One number of a :class:`Result`: ``type`` is the Hub metric id (``f1``, ``accuracy``, ``ece`` …)."""

    type: str
    value: float
    name: str | None = None  # shown on the Hub: "macro-F1", "word-level F1"
    config: str | None = None  # "macro", "word", "exact"


@dataclass
class Result:
    """Held-out results of one task on one data set (one ``model-index`` entry)."""

    task: str  # the framing task (head) name
    task_type: str  # Hub task type: text-classification, token-classification
    dataset_name: str
    dataset_type: str  # Hub dataset id, or a short slug where the data is not on the Hub
    split: str | None
    metrics: list[Metric] = field(default_factory=list)
    dataset_config: str | None = None

    def eval_results(self) -> list[EvalResult]:
        """The Hub's ``EvalResult`` of each metric."""
        from huggingface_hub import EvalResult

        return [
            EvalResult(
                task_type=self.task_type,
                task_name=self.task,
                dataset_type=self.dataset_type,
                dataset_name=self.dataset_name,
                dataset_split=self.split,
                dataset_config=self.dataset_config,
                metric_type=m.type,
                metric_value=float(m.value),
                metric_name=m.name,
                metric_config=m.config,
            )
            for m in self.metrics
        ]


@dataclass
class DataSource:
    """A data set a model was trained or selected on: one row of the card's data table.

    ``licenses`` holds every license statement found (e.g. ``["MIT (repository license)",
    "CC BY-NC-ND-4.0 (dataset card)"]``); the front matter's ``datasets`` names it by ``hub_id``
    (its Hub dataset id), else ``short_name``, else ``name``.
    """

    name: str
    use: str = ""
    split: str = ""
    licenses: list[str] = field(default_factory=list)
    hub_id: str | None = None
    short_name: str | None = None

    @property
    def card_id(self) -> str:
        return self.hub_id or self.short_name or self.name

    @property
    def license_text(self) -> str:
        return "; ".join(self.licenses) if self.licenses else UNKNOWN_LICENSE


@dataclass
class TrainingStep:
    """One step of building a model (fine-tuning, threshold tuning, distillation, calibration …)."""

    name: str
    settings: dict[str, Any] = field(default_factory=dict)
    command: str | None = None
    wall_seconds: float | None = None
    notes: str = ""

    @property
    def settings_text(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.settings.items())


@dataclass
class FramingCardData:
    """Everything a framing model card says; :meth:`to_card_data` gives the YAML front matter,
    :meth:`render` the whole ``README.md`` (front matter + the Markdown body of ``template``).

    ``template`` names a file of ``card_templates/`` (without ``.md``); ``context`` holds what
    only that template reads (the raw JSON of the folder, preformatted reports).
    """

    model_name: str
    base_model: str
    tasks: list[dict[str, Any]]  # framing_config.json's task entries: name, kind, labels, positive_label
    finetune: str = "lora"
    license: str | None = None  # Hub license id; None: from the data sources' licenses
    license_note: str = ""
    language: list[str] = field(default_factory=lambda: ["en"])
    data_sources: list[DataSource] = field(default_factory=list)
    training_steps: list[TrainingStep] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    pipeline_tag: str | None = None  # None: from the first task's kind
    max_length: int | None = None
    framing_version: str = __version__
    template: str = "generic"
    context: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ front matter
    def hub_license(self) -> tuple[str, str | None]:
        """``(license, license_name)``: a Hub license id, or ``other`` plus a name."""
        if self.license:
            return _hub_license(self.license)
        found = {_hub_license(lic) for src in self.data_sources for lic in src.licenses}
        if not found:
            return "unknown", None
        if len(found) == 1:
            return found.pop()
        return "other", "training-data-licenses"  # several: the card's data table names them

    def to_card_data(self) -> ModelCardData:
        """The front matter as ``huggingface_hub.ModelCardData``."""
        from huggingface_hub import ModelCardData

        license_id, license_name = self.hub_license()
        evals = [e for r in self.results for e in r.eval_results()]
        metric_types = sorted({m.type for r in self.results for m in r.metrics})
        datasets = list(dict.fromkeys(s.card_id for s in self.data_sources))
        kinds = list(dict.fromkeys(t["kind"] for t in self.tasks))
        tags = list(dict.fromkeys(["framing", "media-bias", *kinds, *self.tags]))
        return ModelCardData(
            model_name=self.model_name,
            base_model=self.base_model if _is_hub_id(self.base_model) else None,  # a local backbone: body only
            license=license_id,
            license_name=license_name,
            language=list(self.language) or None,
            datasets=datasets or None,
            library_name="framing",
            tags=tags,
            metrics=metric_types or None,
            pipeline_tag=self.pipeline_tag or _hub_task_type(kinds[0] if kinds else ""),
            eval_results=evals or None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The front matter as a dict (what ``yaml.safe_load`` of it gives)."""
        return self.to_card_data().to_dict()

    # ------------------------------------------------------------------ body
    def body(self) -> str:
        """The Markdown body: ``card_templates/<template>.md`` rendered with this card data."""
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown, not HTML
        )
        env.filters.update(codes=_codes, f3=_f3, count=_count, short=_short_number, minutes=_minutes, mb=_megabytes)
        context = {**_TEMPLATE_DEFAULTS.get(self.template, {}), **self.context}
        text = env.get_template(f"{self.template}.md").render(card=self, **context)
        return text.strip("\n") + "\n"

    def to_model_card(self) -> ModelCard:
        """``huggingface_hub.ModelCard`` of the card (front matter + body)."""
        from huggingface_hub import ModelCard

        return ModelCard(f"---\n{self.to_card_data().to_yaml()}\n---\n\n{self.body()}")

    def render(self) -> str:
        """The text of ``README.md``."""
        return str(self.to_model_card())


# what a template reads from ``FramingCardData.context`` when the card data does not say
_TEMPLATE_DEFAULTS: dict[str, dict[str, Any]] = {
    "generic": {"label_note": "", "reports": [], "has_test": False, "best_epoch": None, "n_epochs": 0},
}


# ---------------------------------------------------------------------------------------------- formatting
def _codes(items: Sequence[Any]) -> str:
    return ", ".join(f"`{x}`" for x in items)


def _f3(x: float) -> str:
    return f"{float(x):.3f}"


def _count(n: int) -> str:
    return f"{int(n):,}"


def _short_number(x: Any) -> str:
    """4e-4 for 0.0004, 3 for 3.0, 16 for "16": how the card writes settings."""
    v = float(x)
    if v.is_integer():
        return str(int(v))
    if abs(v) < 1e-2:
        mantissa, exp = f"{v:.0e}".split("e")
        return f"{mantissa}e{int(exp)}"
    return f"{v:g}"


def _minutes(seconds: float) -> str:
    return f"{round(float(seconds) / 60):d}"


def _megabytes(path: str | Path) -> str:
    return f"{Path(path).stat().st_size / 1e6:.1f}"


def _gain_points(score: float, baselines: Sequence[float]) -> str:
    """How many points (x100) ``score`` is above the best baseline, from the three-decimal numbers shown."""
    return f"{(round(score, 3) - max(round(b, 3) for b in baselines)) * 100:.1f}"


def _signed_points(x: float) -> str:
    """A difference of scores in points (x100), signed: "+0.4", "−1.0"."""
    v = round(float(x) * 100, 1)
    return f"−{-v:.1f}" if v < 0 else f"+{v:.1f}"


def _gap_points(anchor: float, score: float) -> str:
    """``score`` (rounded as shown) against a published ``anchor``, in points (x100): "−3.3", "+0.8"."""
    diff = round((round(score, 3) - anchor) * 100, 1)
    return f"−{-diff:.1f}" if diff < 0 else f"+{diff:.1f}"


def _hub_license(text: str) -> tuple[str, str | None]:
    """A free-text license ("CC0-1.0 (test fixture)", "CC BY-NC-ND-4.0") as ``(Hub id, license_name)``."""
    head = re.split(r"[(;,]", text, maxsplit=1)[0].strip().lower()
    slug = re.sub(r"[^a-z0-9.+]+", "-", head).strip("-")
    if slug in HUB_LICENSES:
        return slug, None
    return "other", slug or "unstated"


def _hub_task_type(kind: str) -> str:
    from framing.tasks import get_task_class

    try:
        auto = get_task_class(kind).hf_auto_class
    except Exception:  # an unregistered kind: still a card
        auto = None
    return _HUB_TASK_TYPES.get(auto or "", "text-classification")


def _is_hub_id(name: str) -> bool:
    """Whether ``name`` reads as a Hub repo id (``owner/name`` or ``name``) rather than a local folder."""
    if not re.fullmatch(r"[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?", name):
        return False
    return not Path(name).exists()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "data"


# ---------------------------------------------------------------------------------------------- Trainer
def _report_metrics(metrics: Mapping[str, Any]) -> list[Metric]:
    """The headline numbers of an evaluation report: word-level and exact P/R/F1 of span kinds,
    macro-F1 / accuracy / ECE of classification kinds, the macro-F1 of anything else."""
    out: list[Metric] = []
    if isinstance(metrics.get("token"), Mapping):
        for unit, label in (("token", "word"), ("exact", "exact span")):
            part = metrics.get(unit)
            if not isinstance(part, Mapping):
                continue
            cfg = "word" if unit == "token" else "exact"
            out += [Metric(m, float(part[m]), f"{label} {m}", cfg) for m in ("precision", "recall", "f1") if m in part]
        return out
    if metrics.get("macro_f1") is not None:
        out.append(Metric("f1", float(metrics["macro_f1"]), "macro-F1", "macro"))
    if metrics.get("accuracy") is not None:
        out.append(Metric("accuracy", float(metrics["accuracy"]), "accuracy"))
    if metrics.get("ece") is not None:
        out.append(Metric("ece", float(metrics["ece"]), f"ECE ({metrics.get('ece_bins', 15)} bins)"))
    return out


def trainer_card_data(
    *,
    task_name: str,
    kind: str,
    labels: Sequence[str],
    backbone: str,
    finetune: str,
    data_source: str | None,
    data_license: str | None,
    n_train: int,
    n_eval: int | None,
    eval_report: Any | None = None,
    test_report: Any | None = None,
    args: Mapping[str, Any] | None = None,
    command: str | None = None,
    history: Mapping[str, Any] | None = None,
    model_name: str | None = None,
) -> FramingCardData:
    """Card data of a model trained by the :class:`~framing.training.Trainer` (one head)."""
    from framing.tasks import get_task_class

    task_cls = get_task_class(kind)
    source = DataSource(
        name=data_source or "not stated",
        use=f"`{task_name}`",
        split=_trainer_split(task_cls.train_unit, n_train, n_eval),
        licenses=[data_license] if data_license else [],
    )
    results: list[Result] = []
    reports = []
    for split_name, report in (("test", test_report), ("dev", eval_report)):
        if report is not None:
            result, shown = _trainer_result(task_name, kind, split_name, report, data_source)
            results.append(result)
            reports.append(shown)
    return FramingCardData(
        model_name=model_name or f"framing-{task_name}",
        base_model=backbone,
        tasks=[{"name": task_name, "kind": kind, "labels": list(labels)}],
        finetune=finetune,
        data_sources=[source],
        training_steps=_trainer_steps(finetune, args, command, history),
        results=results,
        max_length=(args or {}).get("max_length"),
        template="generic",
        context={
            "label_note": task_cls.label_note,
            "reports": reports,
            "has_test": test_report is not None,
            "best_epoch": (history or {}).get("best_epoch"),
            "n_epochs": len((history or {}).get("epochs", [])),
        },
    )


def _trainer_split(unit: str, n_train: int, n_eval: int | None) -> str:
    """The "split used" cell of a Trainer task's data row."""
    return f"train {n_train:,} {unit}" + (f"; dev {n_eval:,} for early stopping" if n_eval else "")


def _trainer_result(
    task_name: str, kind: str, split_name: str, report: Any, data_source: str | None, title_prefix: str = ""
) -> tuple[Result, dict[str, Any]]:
    """The ``model-index`` entry and the shown report of one Trainer evaluation (``split_name``: test / dev)."""
    result = Result(
        task=task_name,
        task_type=_hub_task_type(kind),
        dataset_name=report.data or (data_source or "not stated"),
        dataset_type=_slug(report.data or (data_source or "data")),
        split=split_name,
        metrics=_report_metrics(report.metrics),
    )
    title = "Test" if split_name == "test" else "Development"
    shown = {"title": f"{title_prefix}{title}: {report.data}", "text": report.to_text(), "split": split_name}
    return result, shown


def _trainer_steps(
    finetune: str, args: Mapping[str, Any] | None, command: str | None, history: Mapping[str, Any] | None
) -> list[TrainingStep]:
    """The training steps of a Trainer model: the fine-tuning, and a tuned span threshold if there is one."""
    keys = ("learning_rate", "num_train_epochs", "batch_size", "seed", "max_length", "lora_r", "lora_alpha")
    steps = [
        TrainingStep(
            name=f"{finetune} fine-tuning",
            settings={k: args[k] for k in keys if args and k in args},
            command=command,
            wall_seconds=(history or {}).get("wall_seconds"),
        )
    ]
    tuned = (history or {}).get("span_threshold")
    if isinstance(tuned, Mapping) and "value" in tuned:
        steps.append(
            TrainingStep(
                name=f"span threshold of `{tuned.get('task')}` tuned on its dev set (best word-level F1)",
                settings={"threshold": tuned["value"]},
            )
        )
    return steps


def multi_task_card_data(
    folder: Path, config: Mapping[str, Any], training: Mapping[str, Any], results: Mapping[str, Any]
) -> FramingCardData:
    """Card data of a :class:`~framing.training.Trainer` model whose heads were trained together
    (``train_dataset={task name: dataset}``): ``training`` is its ``extra.training`` record, ``results``
    its ``eval_results.json`` (``{"eval": {task: report}, "test": {task: report}}``)."""
    from framing.tasks import get_task_class
    from framing.training.evaluate import EvaluationReport

    args = _read_json(folder / "training_args.json") if (folder / "training_args.json").is_file() else {}
    history = _read_json(folder / "training_history.json") if (folder / "training_history.json").is_file() else {}
    given, n_train, n_eval = training.get("data_source"), training.get("n_train") or {}, training.get("n_eval") or {}
    license_ = training.get("data_license")
    sources, card_results, reports = [], [], []
    for task in config["tasks"]:
        name, kind = task["name"], task["kind"]
        if name not in n_train:
            continue  # a head of the model passed that got no training data
        source = given.get(name) if isinstance(given, Mapping) else given
        split = _trainer_split(get_task_class(kind).train_unit, int(n_train[name]), n_eval.get(name))
        sources.append(DataSource(source or "not stated", f"`{name}`", split, [license_] if license_ else []))
        for split_name, key in (("test", "test"), ("dev", "eval")):
            entry = (results.get(key) or {}).get(name)
            if entry:
                result, shown = _trainer_result(name, kind, split_name, EvaluationReport(**entry), source, f"`{name}` ")
                card_results.append(result)
                reports.append(shown)
    return FramingCardData(
        model_name=folder.resolve().name,
        base_model=config["backbone"],
        tasks=list(config["tasks"]),
        finetune=config.get("finetune", "lora"),
        data_sources=sources,
        training_steps=_trainer_steps(config.get("finetune", "lora"), args, training.get("command"), history),
        results=card_results,
        max_length=config.get("max_length"),
        template="generic",
        context={
            "reports": reports,
            "has_test": any(r["split"] == "test" for r in reports),
            "best_epoch": history.get("best_epoch"),
            "n_epochs": len(history.get("epochs", [])),
            "trained_by_trainer": True,
        },
    )


def model_card(**kwargs: Any) -> str:
    """Text of a Trainer model's ``README.md`` (the arguments of :func:`trainer_card_data`)."""
    return trainer_card_data(**kwargs).render()


# ---------------------------------------------------------------------------------------------- default recipe
#: ``extra.training.recipe`` of models the default-model recipe trained: ``python -m recipes.recipe``
#: records the first; models built before the recipe left the library (the shipped one) the second
RECIPE_IDS = ("recipes.recipe", "framing.training.recipe")
RECIPE_LICENSE = "agpl-3.0"
RECIPE_LICENSE_NOTE = (
    "Because BABE is AGPL-3.0, treat these weights as derived from AGPL-3.0 data. Anno-lexical's repository is "
    "MIT-licensed but its dataset card states CC BY-NC-ND-4.0; if that statement applies, use of these weights "
    "may be limited to non-commercial purposes: check both before commercial use."
)
RECIPE_DATA_SOURCES = [
    DataSource(
        name="Anno-lexical (Horych et al. 2025), `anno_lexical/train.jsonl`",
        use="stage 1: `loaded` (LLM-ensemble `biased` / `non-biased` labels, weak supervision)",
        split="upstream train 33,831 (dev and test unused)",
        licenses=[
            "MIT (the repository's license)",
            "CC BY-NC-ND-4.0 (the dataset card's statement)",
        ],
        short_name="Anno-lexical",
    ),
    DataSource(
        name="BABE (Spinde et al. 2021), `babe_sg2.jsonl`",
        use="`loaded` (label), `loaded_words` (`biased_words` located in the text)",
        split="train 2,566; dev 369 for selection",
        licenses=["AGPL-3.0"],
        hub_id="mediabiasgroup/BABE",
    ),
    DataSource(
        name="SemEval-2023 Task 3 English (Piskorski et al. 2023)",
        use=(
            "`loaded_words` (`Loaded_Language` and `Name_Calling-Labeling` spans, one example per line; "
            "all 2,355 lines with spans + as many without)"
        ),
        split="our seeded split of the 446 training articles: 402 train / 44 held out",
        licenses=["none stated upstream: research use"],
        short_name="SemEval-2023 Task 3 English",
    ),
    DataSource(
        name="NewsMTSC (Hamborg & Donnay 2021) `train.jsonl`",
        use="`stance` (polarity 2/4/6 → negative/neutral/positive, main mention)",
        split="90% train, 10% dev (seeded)",
        licenses=["MIT"],
        short_name="NewsMTSC",
    ),
]

_SEMEVAL = "semeval2023-task3-en"
# eval_heldout.json sections -> model-index entries: (key, task kind, dataset name, dataset type, split, config)
_HELDOUT_RESULTS = (
    ("babe_test_sentence", "sentence", "BABE", "mediabiasgroup/BABE", "test", None),
    ("babe_test_spans", "span", "BABE", "mediabiasgroup/BABE", "test", None),
    (
        "semeval_heldout_spans",
        "span",
        "SemEval-2023 Task 3 English, held-out articles",
        "semeval2023-task3-en",
        None,
        None,
    ),
    ("newsmtsc_devtest_mt", "stance", "NewsMTSC", "newsmtsc", "devtest_mt", None),
    ("newsmtsc_devtest_rw", "stance", "NewsMTSC", "newsmtsc", "devtest_rw", None),
    ("newsmtsc_devtest_mt_further_mentions", "stance", "NewsMTSC", "newsmtsc", "devtest_mt", "further_mentions"),
    ("newsmtsc_devtest_rw_further_mentions", "stance", "NewsMTSC", "newsmtsc", "devtest_rw", "further_mentions"),
)


def heldout_results(heldout: Mapping[str, Any], tasks: Sequence[Mapping[str, Any]]) -> list[Result]:
    """``model-index`` entries of ``eval_heldout.json`` (``heldout``) for a model with ``tasks``.

    Each section is credited to the model's first task of its kind, as ``heldout`` evaluates it.
    The lexicon baselines and the cross-validation (another model) are left out.
    """
    first: dict[str, str] = {}
    for t in tasks:
        first.setdefault(t["kind"], t["name"])
    out = []
    for key, kind, name, dtype, split, config in _HELDOUT_RESULTS:
        if key not in heldout or kind not in first:
            continue
        if key == "semeval_heldout_spans" and "semeval_heldout_articles" in heldout:
            split = f"held-out {heldout['semeval_heldout_articles']} articles (seed {heldout.get('split_seed')})"
        out.append(Result(first[kind], _hub_task_type(kind), name, dtype, split, _report_metrics(heldout[key]), config))
    return out


FRAMES_RESULTS = "eval_frames.json"
_FRAMES_SOURCE_USE = (
    "; `frames` (subtask-2 article frames, 14 Policy Frames Codebook dimensions, multi-label; head trained on the "
    "frozen encoder's sentence embeddings by `recipes.frames`)"
)


def frames_results(frames: Mapping[str, Any], task: str) -> list[Result]:
    """The ``model-index`` entry of ``eval_frames.json`` (``python -m recipes.frames``): the head's held-out F1."""
    head = frames["results"]["head"]
    return [
        Result(
            task,
            "text-classification",
            "SemEval-2023 Task 3 English subtask 2, held-out articles",
            _SEMEVAL,
            f"held-out {frames['n_test']} articles (seed {frames.get('seed', 42)})",
            [
                Metric("f1", float(head["micro_f1"]), "micro-F1", "micro"),
                Metric("f1", float(head["macro_f1"]), "macro-F1", "macro"),
            ],
        )
    ]


def recipe_card_data(folder: Path, config: Mapping[str, Any]) -> FramingCardData:
    """Card data of a model trained by the default-model recipe (``python -m recipes.recipe``; needs
    ``eval_heldout.json`` and ``training_history.json`` in ``folder``; a frames head added by
    ``python -m recipes.frames`` brings :data:`FRAMES_RESULTS`)."""
    heldout = _read_json(folder / "eval_heldout.json")
    history = _read_json(folder / "training_history.json")
    frames_task = next((t["name"] for t in config["tasks"] if t["kind"] == "frames"), None)
    frames = _read_json(folder / FRAMES_RESULTS) if frames_task and (folder / FRAMES_RESULTS).is_file() else None
    args = history.get("args", {})
    fit_step = TrainingStep(
        name="joint fine-tuning of every head (framing.training.loop.fit)",
        settings=_fit_settings(config.get("lora") or {}, args, history),
        command=_recipe_command(folder, args),
        wall_seconds=history.get("wall_seconds"),
    )
    steps = [fit_step]
    steps += _distill_steps(args, history)
    if "stage1" in history:
        steps.append(
            TrainingStep(
                name="stage 1: adapter + loaded head on Anno-lexical train (1 epoch, batch 32)",
                settings={"babe_dev_macro_f1": round(float(history["stage1"]["best_score"]), 4)},
                wall_seconds=history["stage1"].get("wall_seconds"),
            )
        )
    steps += _temperature_steps(history, "BABE dev; our NewsMTSC dev split")
    if "span_threshold" in history:
        steps.append(
            TrainingStep(
                name="span threshold tuned on BABE dev",
                settings={"threshold": history["span_threshold"]["value"]},
            )
        )
    sources = list(RECIPE_DATA_SOURCES)
    results = heldout_results(heldout, config["tasks"])
    if frames is not None and frames_task is not None:
        info = (config.get("extra", {}).get("training") or {}).get("frames") or {}
        steps.append(
            TrainingStep(
                name="frames head on the frozen encoder's cached sentence embeddings (recipes.frames)",
                settings={
                    **{k: info.get(k) for k in ("epochs", "pooling", "seed", "n_train_articles")},
                    **{
                        k: v for k, v in (info.get("head") or {}).items() if k in ("weight_decay", "seeds", "threshold")
                    },
                },
                command=f"python -m recipes.frames --model {_display_path(folder)} --data ../shared/data"
                + (" --cv benchmarks/results/frames_cv.json --levers" if "cv" in frames else ""),
                wall_seconds=frames.get("wall_seconds"),
            )
        )
        semeval = "SemEval-2023 Task 3 English"
        sources = [
            dataclasses.replace(d, use=d.use + _FRAMES_SOURCE_USE) if d.short_name == semeval else d for d in sources
        ]
        results += frames_results(frames, frames_task)
    pairs = history.get("data", {}).get("stance_pairs")
    if pairs:
        sources.append(
            DataSource(
                name="SemEval-2023 Task 3 English articles, unlabelled sentences (`recipes.pairs`)",
                use=(
                    f"`stance` distillation: {pairs['sentences']:,} sentences with {pairs['mentions']:,} target "
                    "mentions found by framing's own target discovery, labelled by the teacher"
                ),
                split="the train + dev article folders without the articles held out for evaluation",
                licenses=["none stated upstream: research use"],
                short_name="SemEval-2023 Task 3 English",
            )
        )
    return FramingCardData(
        model_name=folder.resolve().name,
        base_model=config["backbone"],
        tasks=list(config["tasks"]),
        finetune=config.get("finetune", "lora"),
        license=RECIPE_LICENSE,
        license_note=RECIPE_LICENSE_NOTE,
        data_sources=sources,
        training_steps=steps,
        results=results,
        pipeline_tag="text-classification",
        max_length=config.get("max_length"),
        template="framing-default",
        context={
            **_folder_context(folder, config, args, history, heldout),
            "fr": frames,
            "gain_points": _gain_points,
            "gap_points": _gap_points,
            "points": _signed_points,
        },
    )


def _fit_settings(lora: Mapping[str, Any], args: Mapping[str, Any], history: Mapping[str, Any]) -> dict[str, Any]:
    """The settings a card lists for a ``framing.training.loop.fit`` run of the recipe."""
    return {
        "lora_r": lora.get("r"),
        "learning_rate": args.get("lr"),
        "head_learning_rate": args.get("head_lr"),
        "batch_size": args.get("batch_size"),
        "epochs": args.get("epochs"),
        "max_length": args.get("max_length"),
        "seed": args.get("seed"),
        "best_epoch": history.get("best_epoch"),
    }


def _folder_context(
    folder: Path,
    config: Mapping[str, Any],
    args: Mapping[str, Any],
    history: Mapping[str, Any],
    heldout: Mapping[str, Any],
) -> dict[str, Any]:
    """The template context every recipe-built model folder's card has: its files, config, run and results."""
    return {
        "folder": _display_path(folder),
        "files": folder,
        "config": config,
        "lora": config.get("lora") or {},
        "args": args,
        "history": history,
        "h": heldout,
    }


#: distillation steps of a recipe run: (flag that turns it on, step name, settings it shows besides α and T)
_DISTILL_STEPS = (
    (
        "teacher",
        "stance distillation: the teacher's probabilities as soft targets (recipes.distill)",
        ("teacher", "init_from", "stance_pairs"),
    ),
    (
        "span_teacher",
        "span distillation: the teacher's tag probabilities per token as soft targets (recipes.distill)",
        ("span_teacher", "span_sentences"),
    ),
    (
        "sentence_teacher",
        "sentence distillation: the teacher's class probabilities as soft targets (recipes.distill)",
        ("sentence_teacher", "anno_sentences"),
    ),
)


def _distill_steps(args: Mapping[str, Any], history: Mapping[str, Any]) -> list[TrainingStep]:
    """The distillation steps a recipe run took (stance with ``--teacher``, spans with ``--span-teacher``,
    the sentence head with ``--sentence-teacher``)."""
    return [
        TrainingStep(
            name=name,
            settings={k: args.get(k) for k in (*shown, "distill_alpha", "distill_temperature")},
            wall_seconds=history.get("wall_seconds"),
        )
        for flag, name, shown in _DISTILL_STEPS
        if args.get(flag) not in (None, "None")
    ]


def _temperature_steps(history: Mapping[str, Any], fitted_on: str) -> list[TrainingStep]:
    """The temperature-scaling step of a recipe run, when it fitted temperatures (else none)."""
    if not history.get("temperature"):
        return []
    return [TrainingStep(name=f"temperature scaling fitted on {fitted_on}", settings=dict(history["temperature"]))]


# flags of ``python -m recipes.recipe`` a card repeats when a run set them: (history arg, flag, default)
_RECIPE_FLAGS = (
    ("init_from", "--init-from", "None"),
    ("seed", "--seed", "42"),
    ("epochs", "--epochs", "3.0"),
    ("lr", "--lr", "0.0004"),
    ("head_lr", "--head-lr", "0.001"),
    ("lora_r", "--lora-r", "16"),
    ("teacher", "--teacher", "None"),
    ("stance_pairs", "--stance-pairs", "None"),
    ("distill_alpha", "--distill-alpha", "0.5"),
    ("distill_temperature", "--distill-temperature", "2.0"),
    ("span_teacher", "--span-teacher", "None"),
    ("span_sentences", "--span-sentences", "0"),
    ("sentence_teacher", "--sentence-teacher", "None"),
    ("anno_sentences", "--anno-sentences", "0"),
    ("task_head_lr", "--task-head-lr", "[]"),
)


def _recipe_command(folder: Path, args: Mapping[str, Any]) -> str:
    """The recipe command that trained ``folder`` (the flags its run set away from their defaults)."""
    flags = [
        f"{flag} {_flag_value(key, args[key])}"
        for key, flag, default in _RECIPE_FLAGS
        if str(args.get(key, default)) != default
    ]
    return " ".join(["python -m recipes.recipe --data ../shared/data", *flags, f"--out {_display_path(folder)}"])


def _flag_value(key: str, value: Any) -> str:
    """A recorded argument as the command line spells it (``--task-head-lr``'s pairs as ``TASK=LR``)."""
    if key != "task_head_lr":
        return str(value)
    import ast

    pairs = ast.literal_eval(value) if isinstance(value, str) else value
    return " ".join(f"{task}={rate:g}" for task, rate in pairs)


# ---------------------------------------------------------------------------------------------- large model
#: ``extra.training.recipe`` of the large model's stance teacher (the recipe on all-mpnet-base-v2, stance only)
LARGE_RECIPE_IDS = ("teacher-mpnet",)
DEFAULT_SIBLING = "framing-default"  # the default model the large card compares with, next to the large folder


def large_card_data(folder: Path, config: Mapping[str, Any]) -> FramingCardData:
    """Card data of the optional large model (``models/framing-large``): a stance-only model on a fetched
    backbone (needs ``eval_heldout.json`` and ``training_history.json`` in ``folder``). The default model
    next to it (``../framing-default``), when there, gives the comparison numbers."""
    from framing.backbones import fetch_command, find_spec

    heldout = _read_json(folder / "eval_heldout.json")
    history = _read_json(folder / "training_history.json")
    args = history.get("args", {})
    lora = config.get("lora") or {}
    spec = find_spec(config["backbone"])
    fit_step = TrainingStep(
        name="fine-tuning of the stance head and a LoRA adapter (framing.training.loop.fit)",
        settings=_fit_settings(lora, args, history),
        command=(
            f"python -m recipes.recipe --data ../shared/data --backbone {spec.folder if spec else config['backbone']} "
            f"--lora-targets {' '.join(lora.get('target_modules', []))} --tasks stance --anno-epochs 0 "
            f"--epochs {_short_number(args.get('epochs', 2))} --lr {_short_number(args.get('lr', 3e-4))} "
            "--out runs/teacher-stance"
        ),
        wall_seconds=history.get("wall_seconds"),
    )
    steps = [fit_step]
    steps += _temperature_steps(history, "our NewsMTSC dev split")
    if config.get("storage_dtype"):
        steps.append(
            TrainingStep(name="adapter and head stored in half precision", settings={"dtype": config["storage_dtype"]})
        )
    sibling = folder.resolve().parent / DEFAULT_SIBLING
    default = _read_json(sibling / "eval_heldout.json") if (sibling / "eval_heldout.json").is_file() else None
    stance = [RECIPE_DATA_SOURCES[-1]]
    return FramingCardData(
        model_name=folder.resolve().name,
        base_model=config["backbone"],
        tasks=list(config["tasks"]),
        finetune=config.get("finetune", "lora"),
        data_sources=list(stance),
        training_steps=steps,
        results=heldout_results(heldout, config["tasks"]),
        pipeline_tag="text-classification",
        max_length=config.get("max_length"),
        template="framing-large",
        context={
            **_folder_context(folder, config, args, history, heldout),
            "d": default,
            "fetch": fetch_command(spec) if spec else None,
            "backbone_key": spec.key if spec else None,
            "backbone_license": spec.license if spec else None,
            "gap_points": _gap_points,
            "gain": lambda a, b: f"{(round(float(a), 3) - round(float(b), 3)) * 100:+.1f}",
        },
    )


# ---------------------------------------------------------------------------------------------- folders
def _read_json(path: Path) -> dict[str, Any]:
    from framing.errors import ModelLoadError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelLoadError(f"{path} is missing: the model card is made from it") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{path} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ModelLoadError(f"{path} does not hold a JSON object")
    return data


def _display_path(folder: Path) -> str:
    """``folder`` as the card's commands name it: relative to the project (the nearest parent with a
    ``pyproject.toml`` or ``.git``) it lies in, whatever the working directory; else as given."""
    path = folder.resolve()
    for parent in path.parents:
        if (parent / "pyproject.toml").is_file() or (parent / ".git").exists():
            return path.relative_to(parent).as_posix()
    return folder.as_posix()


def card_data_for_folder(path: str | Path) -> FramingCardData:
    """The card data of a saved model folder, from its ``framing_config.json`` and result files."""
    from framing.modeling.model import CONFIG_NAME
    from framing.training.evaluate import EvaluationReport

    folder = Path(path)
    config = _read_json(folder / CONFIG_NAME)
    training = config.get("extra", {}).get("training") or {}
    if training.get("recipe") in RECIPE_IDS:
        missing = [n for n in ("eval_heldout.json", "training_history.json") if not (folder / n).is_file()]
        if not missing:
            return recipe_card_data(folder, config)
        logger.warning("%s lacks %s: writing the generic card (run python -m recipes.heldout first)", folder, missing)
    if training.get("recipe") in LARGE_RECIPE_IDS:
        missing = [n for n in ("eval_heldout.json", "training_history.json") if not (folder / n).is_file()]
        if not missing:
            return large_card_data(folder, config)
        logger.warning("%s lacks %s: writing the generic card (run python -m recipes.heldout first)", folder, missing)
    tasks = config["tasks"]
    first = tasks[0]
    reports: dict[str, Any] = {}
    args: dict[str, Any] = {}
    history: dict[str, Any] = {}
    if training.get("framing_trainer"):
        from framing.training.trainer import EVAL_RESULTS_NAME

        results = _read_json(folder / EVAL_RESULTS_NAME) if (folder / EVAL_RESULTS_NAME).is_file() else {}
        if isinstance(training.get("tasks"), Mapping):  # several tasks trained together
            return multi_task_card_data(folder, config, training, results)
        reports = {k: EvaluationReport(**v) for k, v in results.items() if v}
        if (folder / "training_args.json").is_file():
            args = _read_json(folder / "training_args.json")
        if (folder / "training_history.json").is_file():
            history = _read_json(folder / "training_history.json")
    eval_report = reports.get("eval")
    data = trainer_card_data(
        task_name=first["name"],
        kind=first["kind"],
        labels=first["labels"],
        backbone=config["backbone"],
        finetune=config.get("finetune", "lora"),
        data_source=training.get("data_source"),
        data_license=training.get("data_license"),
        n_train=int(training.get("n_train") or 0),
        n_eval=training.get("n_eval", eval_report.n_examples if eval_report is not None else None),
        eval_report=eval_report,
        test_report=reports.get("test"),
        args=args or {"max_length": config.get("max_length")},
        command=training.get("command"),
        history=history,
        model_name=folder.resolve().name,
    )
    data.tasks = list(tasks)
    data.context["trained_by_trainer"] = bool(training.get("framing_trainer"))
    return data


def write_card(path: str | Path) -> Path:
    """(Re)write ``README.md`` of a model folder from its JSON files; returns its path."""
    out = Path(path) / CARD_NAME
    out.write_text(card_data_for_folder(path).render(), encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m framing.training.card",
        description="Regenerate the model card (README.md) of a framing model folder from its JSON files.",
    )
    ap.add_argument("model", type=Path, help="the model folder")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if README.md is not the card")
    args = ap.parse_args(argv)
    text = card_data_for_folder(args.model).render()
    target = args.model / CARD_NAME
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is stale: run python -m framing.training.card {args.model}")
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
