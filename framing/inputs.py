"""Turning what users have (text, HTML pages, ``.gz`` files, bytes) into the text the Analyzer scores.

- :class:`Document`: a text plus where it came from (its format, the HTML page title, the path).
- :func:`read_document`: read a file: ``.gz`` is decompressed, binary files (PDF, DOCX/ZIP, images,
  NUL bytes) are refused, HTML pages (``.html``/``.htm`` or content starting with ``<!doctype html``
  / ``<html``) are reduced to their main text with trafilatura.
- :func:`html_to_document`: an HTML page (a str) -> its main text, the page title as the headline.
- :func:`replace_control_chars`: the same-length copy of a text the Analyzer runs on (control
  characters become spaces, so offsets do not shift).
- :func:`text_problem`: why a value cannot be scored as a text (null, not a str, too long), the one
  check behind ``Analyzer.check_text`` and the batch row statuses.

Nothing here touches the network.
"""

from __future__ import annotations

import codecs
import gzip
import logging
import math
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from framing.errors import InputValueError, TextDecodeError

logger = logging.getLogger(__name__)

__all__ = [
    "Document",
    "read_document",
    "decode_document",
    "html_to_document",
    "looks_like_html",
    "replace_control_chars",
    "check_input_format",
    "text_problem",
    "TextProblem",
    "INPUT_FORMATS",
    "HTML_SUFFIXES",
]

DocumentFormat = Literal["text", "html"]
#: why a value cannot be scored as a text (the batch status is ``"skipped: <problem>"``)
TextProblem = Literal["null text", "not a string", "too long"]
INPUT_FORMATS = ("auto", "text", "html")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SNIFF_BYTES = 8192

# C0 and C1 control characters (Unicode category Cc) except tab, line feed, vertical tab, form feed, carriage
# return: the segmenter treats those as white space / line breaks.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_START_RE = re.compile(r"\A[\s\ufeff]*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
# (magic number, what it is, how to get text out of it)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. `pdftotext file.pdf file.txt`)"),
    (
        b"PK\x03\x04",
        "a ZIP archive (e.g. a .docx/.odt document)",
        "extract its text first (e.g. `pandoc file.docx -t plain -o file.txt`) or unzip it",
    ),
    (b"PK\x05\x06", "an empty ZIP archive", "pass a text file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)", "save it as plain text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "pass the article's text, not an image"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the article's text, not an image"),
    (b"GIF87a", "a GIF image", "pass the article's text, not an image"),
    (b"GIF89a", "a GIF image", "pass the article's text, not an image"),
    (b"\x1f\x8b", "gzip data compressed twice", "decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", "decompress it first (unzstd)"),
)
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Document:
    """A text to analyse and where it came from.

    Attributes:
        text: the text the analysis runs on; every offset of the profile indexes it. For an HTML page
            this is the extracted main text, headed by the page title as its first paragraph.
        title: the HTML page title (None for plain text or a page without one).
        format: ``"text"`` or ``"html"`` (what the text was converted from).
        source: the file path (or ``"<stdin>"``) it was read from, if any.
    """

    text: str
    title: str | None = None
    format: DocumentFormat = "text"
    source: str | None = None

    @property
    def converted(self) -> bool:
        """True when :attr:`text` is not the input itself (an HTML page reduced to its main text)."""
        return self.format != "text"

    def source_info(self) -> dict[str, Any]:
        """``{"format", "title", "path"?}``: what the profile's ``meta["source"]`` records."""
        info: dict[str, Any] = {"format": self.format, "title": self.title}
        if self.source is not None:
            info["path"] = self.source
        return info


def check_input_format(input_format: str, *, what: str = "input_format") -> str:
    """``input_format`` lower-cased, or an error naming the accepted values."""
    fmt = str(input_format).lower()
    if fmt not in INPUT_FORMATS:
        raise InputValueError(f"{what} must be one of {', '.join(INPUT_FORMATS)}, got {input_format!r}")
    return fmt


def looks_like_html(text: str) -> bool:
    """True when ``text`` is a whole HTML page: it starts (after white space) with ``<!doctype html`` or ``<html``."""
    return bool(_HTML_START_RE.match(text[:1024]))


def replace_control_chars(text: str) -> tuple[str, int]:
    """``(copy, n)``: ``text`` with each C0/C1 control character replaced by a space, and how many were.

    Tab, line feed, vertical tab, form feed and carriage return are kept. The copy has the same
    length as ``text``, so offsets into it are offsets into ``text``.
    """
    return _CONTROL_RE.subn(" ", text)


def html_to_document(html: str, *, source: str | os.PathLike[str] | None = None) -> Document:
    """The main text of an HTML page (trafilatura, no comments, no network) as a :class:`Document`.

    The page title becomes the first paragraph, followed by a blank line; the article's paragraphs
    follow, separated by blank lines (a heading repeating the title is dropped). Scripts, styles,
    menus, cookie banners, footers and comments are left out; entities are decoded. A page where no
    main text is found gives an empty text (and a logged warning), so it scores as an empty profile.
    """
    if not isinstance(html, str):
        from framing.errors import InputTypeError

        raise InputTypeError(f"html must be str, got {type(html).__name__}; decode bytes first")
    import trafilatura

    src = None if source is None else str(source)
    result = None
    if html.strip():
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
        )
    title = _clean_line(getattr(result, "title", None) or "") or None
    body = getattr(result, "text", None) or ""
    paragraphs = [p for p in (_clean_line(line) for line in body.splitlines()) if p]
    if not paragraphs:
        logger.warning("no main text found in the HTML page%s; it gives an empty profile", f" {src}" if src else "")
        return Document("", title=title, format="html", source=src)
    if title and _same_line(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs) + "\n"
    return Document(text, title=title, format="html", source=src)


def read_document(path: str | os.PathLike[str], encoding: str = "utf-8", input_format: str = "auto") -> Document:
    """Read a file as a :class:`Document`.

    ``.gz`` files (and gzip data under any name) are decompressed first. Binary files — NUL bytes in
    the first 8 KB, or a PDF, ZIP/DOCX, old Office, PNG, JPEG or GIF signature — are refused with a
    :class:`~framing.errors.TextDecodeError` whatever ``encoding`` says. ``input_format``: ``"auto"``
    (HTML for ``.html``/``.htm``/``.xhtml`` names, before ``.gz``, or content starting with
    ``<!doctype html`` / ``<html``; text otherwise), ``"html"`` or ``"text"`` (the file as it is).
    """
    p = Path(path)
    if not p.is_file():
        raise InputValueError(f"{p} does not exist or is not a file")
    return decode_document(p.read_bytes(), encoding=encoding, input_format=input_format, name=str(p), path=str(p))


def decode_document(
    data: bytes,
    *,
    encoding: str = "utf-8",
    input_format: str = "auto",
    name: str = "the input",
    path: str | None = None,
) -> Document:
    """Bytes (a file's or standard input's) -> :class:`Document`, by the rules of :func:`read_document`.

    ``name`` is how error messages refer to the input; ``path`` (if any) is recorded as the source
    and its suffix counts for ``input_format="auto"``.
    """
    fmt = check_input_format(input_format)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise InputValueError(f"unknown encoding {encoding!r}; pass e.g. --encoding utf-8 or cp1252") from exc
    suffixes = [s.lower() for s in Path(path).suffixes] if path else []
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise TextDecodeError(f"{name} looks gzip-compressed but cannot be decompressed: {exc}") from exc
        if suffixes[-1:] == [".gz"]:
            suffixes = suffixes[:-1]
    _refuse_binary(data, codec, name)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        hint = ""
        if codec == "utf-8" and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            hint = " (it starts with a UTF-16 byte-order mark: --encoding utf-16)"
        raise TextDecodeError(
            f"{name} is not valid {encoding} (byte {exc.start}: {data[exc.start : exc.start + 1]!r}){hint}; "
            "pass its encoding, e.g. --encoding cp1252 or read_text(path, encoding='latin-1')"
        ) from exc
    is_html = fmt == "html" or (
        fmt == "auto" and ((bool(suffixes) and suffixes[-1] in HTML_SUFFIXES) or looks_like_html(text))
    )
    if is_html:
        return html_to_document(text, source=path)
    return Document(text, source=path)


def _refuse_binary(data: bytes, codec: str, name: str) -> None:
    """A :class:`TextDecodeError` when ``data`` is not text (magic number or NUL bytes up front)."""
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise TextDecodeError(f"{name} is not text: it is {what}; {fix}. --encoding cannot make it text")
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        raise TextDecodeError(f"{name} is not text: it is bzip2-compressed data; decompress it first (bunzip2)")
    head = data[:SNIFF_BYTES]
    wide = codec.startswith(("utf-16", "utf-32")) or head.startswith(_BOMS)
    if b"\x00" in head and not wide:
        at = head.index(b"\x00")
        raise TextDecodeError(
            f"{name} is not text: it has NUL bytes (byte {at}), so it is a binary file; "
            "pass a plain-text or HTML file (a UTF-16 text needs --encoding utf-16). "
            "--encoding cannot make binary data text"
        )


def _clean_line(line: str) -> str:
    return " ".join(line.split())


def _same_line(a: str, b: str) -> bool:
    return a.casefold().rstrip(" .:") == b.casefold().rstrip(" .:")


def _is_null(value: Any) -> bool:
    """None, a float NaN, or pandas' NA / NaT (without importing pandas)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return type(value).__name__ in ("NAType", "NaTType")
    except Exception:  # pragma: no cover
        return False


def text_problem(value: Any, max_chars: int) -> TextProblem | None:
    """Why ``value`` cannot be scored as a text, or None when it can (a str of at most ``max_chars``).

    ``"null text"`` (None, NaN, pandas NA), ``"not a string"`` (bytes, numbers …) or ``"too long"``.
    :meth:`framing.Analyzer.check_text` raises on a problem; batch scoring records it as the row status.
    """
    if _is_null(value):
        return "null text"
    if not isinstance(value, str):
        return "not a string"
    if len(value) > max_chars:
        return "too long"
    return None
