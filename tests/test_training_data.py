"""Data loading and validation: every bad-data case fails clearly before any training time is spent."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing.errors import ConfigError, DataError, InputTypeError, LabelError
from framing.training import Trainer, TrainingArguments, prepare_examples
from framing.training.data import load_table
from framing.training.examples import SpanExample, StanceExample


@pytest.fixture
def no_training(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a model is built or trained: validation must come first."""
    from framing.modeling.model import FramingModel
    from framing.training import loop

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("training started before the data was validated")

    monkeypatch.setattr(loop, "fit", boom)
    monkeypatch.setattr(FramingModel, "new", classmethod(boom))


def _train(tmp_path: Path, task: str, data: object, **kw: object) -> None:
    mapping = kw.pop("column_mapping", None)
    eval_dataset = kw.pop("eval_dataset", None)
    args = TrainingArguments(task=task, output_dir=tmp_path / "out", show_progress_bar=False, **kw)
    Trainer(args=args, train_dataset=data, eval_dataset=eval_dataset, column_mapping=mapping).train()


GOOD = pd.DataFrame({"text": ["a b c", "d e f", "g h i", "j k l"], "label": ["x", "y", "x", "y"]})


# ------------------------------------------------------------------ bad data
def test_missing_column_names_found_columns_and_suggests_mapping(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"sentence": ["a", "b"], "label_id": [0, 1]})
    with pytest.raises(DataError) as err:
        _train(tmp_path, "sentence", data)
    msg = str(err.value)
    assert "'text'" in msg and "['sentence', 'label_id']" in msg
    assert "column_mapping={'text': 'sentence', 'label': 'label_id'}" in msg


def test_mapped_column_missing(tmp_path: Path, no_training: None) -> None:
    with pytest.raises(DataError, match=r"column 'body' \(column_mapping\['text'\]\) not found.*columns are"):
        _train(tmp_path, "sentence", GOOD, column_mapping={"text": "body"})


def test_reversed_mapping_is_explained(tmp_path: Path, no_training: None) -> None:
    data = GOOD.rename(columns={"text": "sentence"})
    with pytest.raises(ConfigError, match=r"did you mean \{'text': 'sentence'\}"):
        _train(tmp_path, "sentence", data, column_mapping={"sentence": "text"})


def test_stance_needs_a_target(tmp_path: Path, no_training: None) -> None:
    with pytest.raises(DataError, match="'target'.*start'/'end' offsets"):
        _train(tmp_path, "stance", GOOD)


def test_empty_dataset(tmp_path: Path, no_training: None) -> None:
    with pytest.raises(DataError, match="is empty"):
        _train(tmp_path, "sentence", GOOD.iloc[:0])
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    with pytest.raises(DataError, match="is empty"):
        _train(tmp_path, "sentence", str(path))


def test_unknown_label_in_eval_data(tmp_path: Path, no_training: None) -> None:
    dev = pd.DataFrame({"text": ["m n", "o p"], "label": ["x", "z"]})
    with pytest.raises(LabelError, match=r"does not know: 'z' \(1 rows\).*\['x', 'y'\]"):
        _train(tmp_path, "sentence", GOOD, eval_dataset=dev)


def test_unknown_label_at_evaluate(tmp_path: Path, tiny_backbone: str) -> None:
    from framing.modeling.model import FramingModel, TaskSpec
    from framing.training import evaluate_model

    model = FramingModel.new([TaskSpec("loaded", "sentence", ("x", "y"))], backbone=tiny_backbone, finetune="frozen")
    with pytest.raises(LabelError, match="does not know: 'z'"):
        evaluate_model(model, pd.DataFrame({"text": ["a"], "label": ["z"]}))


def test_label_outside_given_labels(tmp_path: Path, no_training: None) -> None:
    with pytest.raises(LabelError, match=r"not in labels=\['x', 'w'\]: 'y' \(2 rows\)"):
        _train(tmp_path, "sentence", GOOD, labels=["x", "w"])


def test_class_with_too_few_examples(tmp_path: Path, no_training: None) -> None:
    data = pd.concat([GOOD, pd.DataFrame({"text": ["q r"], "label": ["rare"]})])
    with pytest.raises(
        LabelError, match=r"too few examples \(minimum 2\) for class 'rare' \(1\).*min_examples_per_class"
    ):
        _train(tmp_path, "sentence", data)
    with pytest.raises(LabelError, match=r"minimum 3\) for class 'x' \(2\), class 'y' \(2\)"):
        _train(tmp_path, "sentence", GOOD, min_examples_per_class=3)


def test_single_class(tmp_path: Path, no_training: None) -> None:
    with pytest.raises(LabelError, match="at least two"):
        _train(tmp_path, "sentence", GOOD[GOOD.label == "x"])


def test_span_outside_text(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["short text", "another one"], "spans": [[[0, 5]], [[3, 40]]]})
    with pytest.raises(DataError, match=r"spans outside the text: row 1: \(3, 40\) in a text of length 11"):
        _train(tmp_path, "span", data)


def test_stance_offsets_outside_text(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["Smith spoke."] * 2, "start": [0, 50], "end": [5, 55], "label": ["a", "b"]})
    with pytest.raises(DataError, match=r"row 1: target \(50, 55\) in a text of length 12"):
        _train(tmp_path, "stance", data, min_examples_per_class=1)


def test_phrase_not_in_text(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["The mob came.", "All calm."], "spans": [["mob"], ["riot"]]})
    with pytest.raises(DataError, match=r"phrases not found in the text: row 1: 'riot'.*missing_phrases='drop'"):
        _train(tmp_path, "span", data, min_examples_per_class=1)
    prepared = prepare_examples(data, "span", missing_phrases="drop")
    assert prepared.examples[1] == SpanExample("All calm.", ())


def test_mention_not_in_text(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["Smith spoke.", "Jones left."], "target": ["Smith", "Brown"], "label": ["a", "b"]})
    with pytest.raises(DataError, match="mentions not found in the text: row 1: 'Brown'"):
        _train(tmp_path, "stance", data, min_examples_per_class=1)


def test_empty_text_and_missing_label(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["a b", "  ", "c d", "e f"], "label": ["x", "y", None, "y"]})
    with pytest.raises(DataError, match="empty texts: row 1"):
        _train(tmp_path, "sentence", data)
    with pytest.raises(DataError, match="missing labels: row 2"):
        _train(tmp_path, "sentence", data.drop(index=1))


def test_no_spans_at_all(tmp_path: Path, no_training: None) -> None:
    data = pd.DataFrame({"text": ["a b", "c d"], "spans": [[], []]})
    with pytest.raises(DataError, match="marks no spans"):
        _train(tmp_path, "span", data)


def test_datasetdict_where_a_dataset_is_expected(tmp_path: Path, no_training: None) -> None:
    from datasets import Dataset, DatasetDict

    ds = Dataset.from_pandas(GOOD)
    dd = DatasetDict({"train": ds, "validation": ds})
    with pytest.raises(InputTypeError, match=r"did you mean dataset\['train'\]\?"):
        _train(tmp_path, "sentence", dd)
    with pytest.raises(InputTypeError, match=r"did you mean dataset\['validation'\]\?"):
        _train(tmp_path, "sentence", ds, eval_dataset=dd)
    with pytest.raises(DataError, match=r"no split 'dev'; its splits are \['train', 'validation'\]"):
        load_table(dd, split="dev")


def test_split_filter_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="has no 'split' column"):
        load_table(GOOD, split="train")
    data = GOOD.assign(split=["train", "train", "dev", "dev"])
    with pytest.raises(DataError, match=r"no rows with split == 'test'; values are \['dev', 'train'\]"):
        load_table(data, split="test")
    assert len(load_table(data, split="dev")[0]) == 2


def test_bad_inputs_and_files(tmp_path: Path) -> None:
    with pytest.raises(InputTypeError, match="cannot read"):
        load_table(42)
    with pytest.raises(DataError, match="does not exist"):
        load_table(tmp_path / "nope.csv")
    (tmp_path / "x.xlsx").write_text("x")
    with pytest.raises(DataError, match="unsupported file type"):
        load_table(tmp_path / "x.xlsx")
    (tmp_path / "bad.jsonl").write_text('{"text": "a"}\n{oops\n')
    with pytest.raises(DataError, match="bad.jsonl:2 is not valid JSON"):
        load_table(tmp_path / "bad.jsonl")


def test_output_dir_checked_before_training(tmp_path: Path, no_training: None) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "f").write_text("")
    with pytest.raises(ConfigError, match="not empty"):
        _train(tmp_path, "sentence", GOOD)


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"task": "ner"}, "task must be one of"),
        ({"finetune": "qlora"}, "finetune must be one of"),
        ({"learning_rate": -1.0}, "learning_rate must be a positive"),
        ({"num_train_epochs": 0}, "num_train_epochs must be a positive"),
        ({"batch_size": 0}, "batch_size must be a positive integer"),
        ({"early_stopping_patience": 0}, "early_stopping_patience"),
        ({"labels": ["x"]}, "at least 2 labels"),
        ({"labels": "xy"}, "list of strings"),
        ({"labels": ["x", "x"]}, "unique"),
        ({"labels": ["x", "y"], "positive_label": "z"}, "positive_label"),
        ({"max_length": 4}, "max_length"),
        ({"warmup_ratio": 1.5}, "warmup_ratio"),
        ({"missing_phrases": "ignore"}, "missing_phrases"),
        ({"output_dir": ""}, "output_dir"),
    ],
)
def test_training_arguments_are_validated(kw: dict, match: str) -> None:
    base = {"task": "sentence", "output_dir": "runs/x"}
    base.update(kw)
    with pytest.raises(ConfigError, match=match):
        TrainingArguments(**base)


def test_training_arguments_defaults() -> None:
    args = TrainingArguments(task="span", output_dir="runs/x", finetune="full")
    assert args.task_name == "loaded_words" and args.learning_rate == 5e-5
    assert json.loads(json.dumps(args.to_dict()))["output_dir"] == "runs/x"


# ------------------------------------------------------------------ good data, every shape
def test_input_shapes_agree(tmp_path: Path) -> None:
    from datasets import Dataset

    GOOD.to_csv(tmp_path / "d.csv", index=False)
    GOOD.to_parquet(tmp_path / "d.parquet")
    GOOD.to_json(tmp_path / "d.jsonl", orient="records", lines=True)
    Dataset.from_pandas(GOOD).save_to_disk(str(tmp_path / "saved"))
    sources = [
        GOOD,
        Dataset.from_pandas(GOOD),
        GOOD.to_dict("records"),
        str(tmp_path / "d.csv"),
        tmp_path / "d.parquet",
        tmp_path / "d.jsonl",
        tmp_path / "saved",
    ]
    first = prepare_examples(sources[0], "sentence").examples
    for src in sources[1:]:
        assert prepare_examples(src, "sentence").examples == first, src


def test_classlabel_and_integer_labels() -> None:
    from datasets import ClassLabel, Dataset, Features, Value

    feats = Features({"text": Value("string"), "label": ClassLabel(names=["neg", "pos"])})
    ds = Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]}, features=feats)
    assert [e.label for e in prepare_examples(ds, "sentence").examples] == ["neg", "pos"]
    ints = pd.DataFrame({"text": ["a", "b"], "label": [0, 1]})
    assert [e.label for e in prepare_examples(ints, "sentence").examples] == ["0", "1"]


def test_span_formats(tmp_path: Path) -> None:
    text = "The radical mob stormed the radical club."
    data = pd.DataFrame(
        {
            "text": [text] * 4,
            "biased_words": [
                ["radical", "radical"],  # second occurrence is found for the repeat
                [[4, 15]],
                [[4, 11, "loaded"], {"start": 16, "end": 23, "label": "verb"}],
                json.dumps([[4, 11]]),  # as a CSV cell would hold it
            ],
        }
    )
    ex = prepare_examples(data, "span", column_mapping={"spans": "biased_words"}).examples
    assert ex[0].spans == ((4, 11, "loaded"), (28, 35, "loaded"))
    assert ex[1].spans == ((4, 15, "loaded"),)
    assert ex[2].spans == ((4, 11, "loaded"), (16, 23, "verb"))
    assert ex[3].spans == ((4, 11, "loaded"),)


def test_stance_rows_grouped_by_text() -> None:
    text = "Smith praised Jones."
    data = pd.DataFrame(
        {"text": [text, text, "Other."], "target": ["Smith", None, None], "start": [None, 14, 0], "end": [None, 19, 5]}
    ).assign(label=["a", "b", "a"])
    prepared = prepare_examples(data, "stance")
    assert len(prepared.examples) == 2 and prepared.n_targets == 3
    first = prepared.examples[0]
    assert isinstance(first, StanceExample)
    assert [(t.mentions, t.label) for t in first.targets] == [(((0, 5),), "a"), (((14, 19),), "b")]


def test_babe_file_with_split(data_dir: Path) -> None:
    path = data_dir / "babe" / "babe_sg2.jsonl"
    train = prepare_examples(path, "sentence", split="train")
    assert train.n_rows == 2566 and set(train.label_counts) == {"biased", "non-biased"}
    with pytest.raises(DataError, match="column 'spans' not found.*'spans': 'biased_words'"):
        prepare_examples(path, "span", split="dev")
    spans = prepare_examples(
        path, "span", split="dev", column_mapping={"spans": "biased_words"}, missing_phrases="drop"
    )
    assert spans.label_counts["loaded"] > 100


def test_newsmtsc_further_mentions(data_dir: Path) -> None:
    from recipes import corpora

    path = data_dir / "newsmtsc" / "devtest_mt.jsonl"
    main = corpora.newsmtsc_stance(path)
    further = corpora.newsmtsc_stance(path, further_mentions=True)
    assert len(main) == len(further) == 721
    assert all(len(t.mentions) == 1 for ex in main for t in ex.targets)
    # the first row's Hillary Clinton target also has the coreferring "she"
    first = further[0].targets[0]
    assert [further[0].text[a:b] for a, b in first.mentions] == ["Hillary Clinton’s", "she"]
    labels = [[t.label for t in ex.targets] for ex in main]
    assert labels == [[t.label for t in ex.targets] for ex in further]
    assert sum(len(t.mentions) > 1 for ex in further for t in ex.targets) == 316
