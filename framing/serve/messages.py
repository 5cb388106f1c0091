"""Error messages for API clients: the library's fixes (flags, keyword arguments) as what a client sends."""

from __future__ import annotations

import re

__all__ = ["api_message"]

_API_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"pass its encoding, e\.g\. --encoding cp1252 or read_text\(path, encoding='latin-1'\)"),
        "send UTF-8 (re-encode it, e.g. iconv -f cp1252 -t utf-8) or name its encoding: ?encoding=cp1252",
    ),
    (re.compile(r"--encoding ([\w-]+)"), r"?encoding=\1"),
    (
        re.compile(
            r"rerun with --restart( to score it from scratch)?"
            r"|run the same command to resume it, or pass --restart to start over"
        ),
        "upload the file again as a new job (a job whose options differ resumes on a server started with "
        "the job's options)",
    ),
    (re.compile(r"pass Analyzer\(max_chars=\.\.\.\) to allow it"), "start the server with a larger --max-chars"),
    (
        re.compile(r"pass input_format='html' \(command line: --text-format html\)"),
        'send "text_format": "html" (or ?text_format=html)',
    ),
)


def api_message(message: str) -> str:
    """``message`` with its Python / command-line fixes replaced by what an API client sends instead."""
    for pattern, repl in _API_HINTS:
        message = pattern.sub(repl, message)
    return message
