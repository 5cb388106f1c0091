"""One name per idea: the shared text check, the Voice type, the analyzer's role types (old spellings warn)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from framing.analyzer import Analyzer, LoadedRole, Roles, SpanRole, StanceRole
from framing.batch.summary import SKIP_NOT_STRING, SKIP_NULL, SKIP_TOO_LONG, check_text_value
from framing.errors import InputTypeError, InputValueError
from framing.inputs import text_problem
from framing.results import Voice


@pytest.mark.parametrize(
    ("value", "problem", "status", "error"),
    [
        ("fine", None, None, None),
        (None, "null text", SKIP_NULL, InputTypeError),
        (math.nan, "null text", SKIP_NULL, InputTypeError),
        (b"bytes", "not a string", SKIP_NOT_STRING, InputTypeError),
        (3, "not a string", SKIP_NOT_STRING, InputTypeError),
        ("x" * 11, "too long", SKIP_TOO_LONG, InputValueError),
    ],
)
def test_one_text_check_for_the_analyzer_and_batch_rows(
    value: object, problem: str | None, status: str | None, error: type | None
) -> None:
    assert text_problem(value, 10) == problem
    text, got_status, _ = check_text_value(value, 10)
    assert got_status == status and (text is None) == (status is not None)
    assert status is None or status == f"skipped: {problem}"
    fake = SimpleNamespace(max_chars=10)  # check_text only reads max_chars
    if error is None:
        assert Analyzer.check_text(fake, value) == value
    else:
        with pytest.raises(error):
            Analyzer.check_text(fake, value)


def test_voice_label_is_the_deprecated_name_of_voice() -> None:
    import framing.segment.segmentation as seg

    with pytest.warns(DeprecationWarning, match="framing.results.Voice"):
        assert seg.VoiceLabel is Voice
    with pytest.raises(AttributeError):
        seg.NoSuchName  # noqa: B018


def test_roles_are_named_fields_and_the_tuple_spelling_still_works() -> None:
    roles = Roles(LoadedRole(0, "loaded", "biased"), SpanRole(0, "loaded_words"), StanceRole(1, "stance", (0, 1, 2)))
    assert roles.loaded is not None and roles.loaded.positive_label == "biased"
    assert roles.stance is not None and roles.stance.model == 1 and roles.stance.columns == (0, 1, 2)
    with pytest.warns(DeprecationWarning, match="positive_label"):
        assert roles.loaded[2] == "biased"
    with pytest.warns(DeprecationWarning):
        assert tuple(roles.stance) == (1, "stance", (0, 1, 2))
    with pytest.warns(DeprecationWarning, match="roles.span"):
        assert roles.spans is roles.span
