"""Error messages in command-line terms: a library error's Python hint becomes the matching CLI flag.

The library names the fix in Python (``pass column_mapping={'label': 'lbl'}``); on the command line
the same fix is a flag (``--column label=lbl``). :func:`cli_message` rewrites those hints, so each
entry point names its own fix.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

__all__ = ["cli_message"]


def _column_mapping(m: re.Match[str]) -> str:
    try:
        mapping = ast.literal_eval(m.group(1))
    except (ValueError, SyntaxError):
        return "pass --column STANDARD=YOURS (repeat)"
    return "pass " + " ".join(f"--column {k}={v}" for k, v in mapping.items())


def _flag(name: str) -> Callable[[re.Match[str]], str]:
    def sub(m: re.Match[str]) -> str:
        value = m.group(1).strip("'\"")
        return f"--{name} {value}"

    return sub


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str] | str], ...] = (
    # "pass <python> (CLI: <flags>)": the message already knows the flags
    (re.compile(r"\b(pass|Pass) ([^()]*?) \((?:CLI|command line): ([^)]*)\)"), lambda m: f"{m.group(1)} {m.group(3)}"),
    (re.compile(r"pass column_mapping=(\{[^{}]*\})"), _column_mapping),
    (re.compile(r"\(column_mapping\[('[^']*')\]\)"), lambda m: f"(--column {m.group(1).strip(chr(39))}=...)"),
    (re.compile(r"\bsplit_column=(<[^>]*>|'[^']*')"), _flag("split-column")),
    (re.compile(r"\bpass split=('[^']*')"), lambda m: "pass --split " + m.group(1).strip("'")),
    (re.compile(r"\bmissing_phrases='drop'"), "--drop-missing-phrases"),
    (re.compile(r"\bpass task=(<[^>]*>)"), lambda m: "pass --task " + m.group(1)),
    (re.compile(r"\bbackbone=(<[^>]*>)"), _flag("backbone")),
    (re.compile(r"Analyzer\(max_chars=\.\.\.\)"), "--max-chars N"),
    (
        re.compile(r"Analyzer\(loaded_model=\.\.\., span_model=\.\.\. or stance_model='([^']*)'\)"),
        lambda m: f"--loaded-model, --span-model or --stance-model {m.group(1)}",
    ),
    (re.compile(r"\bnlp=None\b"), "--nlp none"),
    (re.compile(r"\bnlp='([^']*)'"), lambda m: f"--nlp {m.group(1)}"),
    (re.compile(r"precision='([^']*)'"), lambda m: f"--precision {m.group(1)}"),
    (re.compile(r"\bdevice='([^']*)'"), lambda m: f"--device {m.group(1)}"),
    (re.compile(r"\bmodel='(default|large)'"), lambda m: f"--model {m.group(1)}"),
)


def cli_message(message: str) -> str:
    """``message`` with its Python-syntax fixes replaced by the command-line flags that do the same."""
    for pattern, repl in _RULES:
        message = pattern.sub(repl, message)
    return message
