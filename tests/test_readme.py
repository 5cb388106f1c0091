"""The README's stated defaults match the code's signatures."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import framing

README = Path(__file__).resolve().parents[1] / "README.md"


def _stated_defaults(call: str) -> dict[str, object]:
    """Keyword defaults of the first ``call(...)`` signature written in backticks in the README."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    m = re.search(rf"`{re.escape(call)}\((.*?)\)`", text)
    assert m, f"README has no `{call}(...)` signature"
    args = m.group(1).replace("*,", "").strip()
    tree = ast.parse(f"f({args})", mode="eval")
    assert isinstance(tree.body, ast.Call)
    out: dict[str, object] = {}
    for i, arg in enumerate(tree.body.args):
        if not isinstance(arg, ast.Name):  # a bare name is a parameter without a default
            out[f"#{i}"] = ast.literal_eval(arg)
    for kw in tree.body.keywords:
        if kw.arg is not None:  # **kwargs
            out[str(kw.arg)] = ast.literal_eval(kw.value)
    return out


def test_readme_analyzer_defaults_match_the_signature() -> None:
    stated = _stated_defaults("Analyzer")
    params = inspect.signature(framing.Analyzer.__init__).parameters
    real = {name: p.default for name, p in params.items() if p.default is not inspect.Parameter.empty}
    stated["model"] = stated.pop("model", stated.pop("#0", None))
    assert set(stated) == set(real), f"README lists {sorted(stated)}, the signature has {sorted(real)}"
    for name, value in stated.items():
        assert real[name] == value, f"README says {name}={value!r}, the code's default is {real[name]!r}"


def _assert_defaults(call: str, func: object) -> None:
    stated = _stated_defaults(call)
    params = inspect.signature(func).parameters  # type: ignore[arg-type]
    real = {name: p.default for name, p in params.items() if p.default is not inspect.Parameter.empty}
    assert set(stated) == set(real), f"README lists {sorted(stated)}, the signature has {sorted(real)}"
    for name, value in stated.items():
        assert real[name] == value, f"README says {name}={value!r}, the code's default is {real[name]!r}"


def test_readme_score_dataset_and_score_file_defaults_match_the_signatures() -> None:
    _assert_defaults("score_dataset", framing.score_dataset)
    _assert_defaults("framing.score_file", framing.score_file)


def test_readme_trainer_uses_named_arguments() -> None:
    text = README.read_text(encoding="utf-8")
    calls = re.findall(r"Trainer\(([^)]*)\)", text)
    assert calls, "README shows no Trainer(...) call"
    for args in calls:
        first = args.split(",")[0].strip()
        assert "=" in first, f"README calls Trainer({args}) with positional arguments; name them (args=...)"


def test_dir_shows_the_public_api_only() -> None:
    names = dir(framing)
    for public in ("analyze", "Analyzer", "compare", "score_file", "Trainer", "ArticleProfile"):
        assert public in names
    assert "TYPE_CHECKING" not in names and "annotations" not in names
    assert all(hasattr(framing, n) for n in names)


def test_readme_push_to_hub_defaults_match_the_signature() -> None:
    from framing.modeling.model import FramingModel

    _assert_defaults("push_to_hub", FramingModel.push_to_hub)
