"""Self-contained HTML report of one article: highlighted text, stance markers, frames, summary panel.

The page makes no request to any other address: CSS and JS are inlined and allowed by a
Content-Security-Policy that lists their SHA-256 hashes (no ``unsafe-inline``), there are no
style attributes, fonts or images, and charts are inline SVG. Everything taken from the input
is escaped with :func:`html.escape`; data for the script sits in a ``application/json`` block
with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from framing._jsonsafe import json_float, to_jsonable
from framing.results import ArticleProfile, Quote, Sentence, Span, Stance, TargetProfile

__all__ = [
    "render_article",
    "page",
    "interval_svg",
    "bar_svg",
    "json_script",
    "esc",
    "loaded_class",
    "stance_class",
]

logger = logging.getLogger(__name__)

_STANCE_SYMBOL = {"negative": "\u2212", "neutral": "\u25cb", "positive": "+"}


def esc(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("framing.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def json_script(data: Any, element_id: str) -> str:
    """A non-executable JSON data block; ``<``, ``>``, ``&`` are unicode-escaped."""
    raw = json.dumps(to_jsonable(data), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    raw = raw.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{esc(element_id)}">{raw}</script>'


def page(title: str, body: str, script: bool = True) -> str:
    """Wrap ``body`` into a full page with inline CSS/JS and a hash-based CSP."""
    css = _asset("report.css")
    js = _asset("report.js") if script else ""
    script_src = _sha256(js) if script else "'none'"
    csp = (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {script_src}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    js_tag = f"<script>{js}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}\n{js_tag}\n</body>\n</html>\n"
    )


def loaded_class(score: float | None) -> str:
    """Intensity class ``ld1``..``ld5`` for a span score in [0, 1]."""
    s = 0.0 if score is None else min(max(float(score), 0.0), 1.0)
    return f"ld{min(5, 1 + int(s * 5))}"


def stance_class(label: str | None) -> str:
    """The CSS class of a stance label: ``neg``, ``pos`` or ``neu`` (also for None / unknown labels)."""
    return {"negative": "neg", "positive": "pos"}.get(label or "", "neu")


def _fmt(x: float | None, signed: bool = True) -> str:
    if x is None:
        return "n/a"
    return f"{x:+.2f}" if signed else f"{x:.2f}"


# --------------------------------------------------------------------------- SVG


def interval_svg(
    mean: float | None,
    ci: Sequence[float] | None,
    label: str,
    width: int = 150,
    lo: float = -1.0,
    hi: float = 1.0,
) -> str:
    """A small inline SVG: axis from ``lo`` to ``hi``, the 95% interval as a bar, the mean as a dot."""
    h, pad = 26, 8

    def x(v: float) -> float:
        v = min(max(float(v), lo), hi)
        return round(pad + (v - lo) / (hi - lo) * (width - 2 * pad), 2)

    parts = [
        f'<line x1="{pad}" y1="13" x2="{width - pad}" y2="13" stroke="#999" stroke-width="1"/>',
        f'<line x1="{x(0.0)}" y1="5" x2="{x(0.0)}" y2="21" stroke="#666" stroke-width="1"/>',
    ]
    if ci is not None and None not in ci:
        parts.append(
            f'<rect x="{x(ci[0])}" y="9" width="{max(1.0, round(x(ci[1]) - x(ci[0]), 2))}" height="8" '
            'rx="3" fill="#7b93c9"/>'
        )
    if mean is not None:
        parts.append(f'<circle cx="{x(mean)}" cy="13" r="5" fill="#1f3a7a" stroke="#fff" stroke-width="1.5"/>')
    ci_txt = f"95% interval {_fmt(ci[0])} to {_fmt(ci[1])}" if ci is not None and None not in ci else "no interval"
    desc = f"{label}: mean {_fmt(mean)}, {ci_txt}"
    return (
        f'<svg class="bar" width="{width}" height="{h}" viewBox="0 0 {width} {h}" role="img" '
        f'aria-label="{esc(desc)}"><title>{esc(desc)}</title>{"".join(parts)}</svg>'
    )


def bar_svg(value: float | None, vmax: float, label: str, width: int = 160) -> str:
    """A horizontal bar for a non-negative value (e.g. loaded terms per 100 words)."""
    frac = 0.0 if value is None or vmax <= 0 else min(max(value / vmax, 0.0), 1.0)
    desc = f"{label}: {_fmt(value, signed=False)}"
    return (
        f'<svg class="bar" width="{width}" height="14" viewBox="0 0 {width} 14" role="img" '
        f'aria-label="{esc(desc)}"><title>{esc(desc)}</title>'
        f'<rect x="0" y="2" width="{width}" height="10" fill="#eee"/>'
        f'<rect x="0" y="2" width="{round(frac * width, 2)}" height="10" fill="#d9822b"/></svg>'
    )


# --------------------------------------------------------------------------- article text


def _boundaries(sentence: Sentence) -> list[int]:
    points = {sentence.start, sentence.end}
    items: list[Span | Quote] = [*sentence.spans, *sentence.quotes]
    for item in items:
        points.update(p for p in (item.start, item.end) if sentence.start < p < sentence.end)
    return sorted(points)


def _covering_span(spans: Iterable[Span], a: int, b: int) -> Span | None:
    best: Span | None = None
    for sp in spans:
        if sp.start <= a and b <= sp.end and (best is None or sp.score > best.score):
            best = sp
    return best


def _in_quote(quotes: Iterable[Quote], a: int, b: int) -> bool:
    return any(q.start <= a and b <= q.end for q in quotes)


def _segment(text: str, span: Span | None, quoted: bool) -> str:
    out = esc(text)
    if span is not None:
        tip = f"loaded: {span.text} ({span.score:.2f})"
        out = f'<mark class="{loaded_class(span.score)}" title="{esc(tip)}">{out}</mark>'
    if quoted:
        out = f'<span class="qs">{out}</span>'
    return out


def _sentence_inner(profile_text: str, sentence: Sentence) -> str:
    pts = _boundaries(sentence)
    quotes = sentence.quotes if sentence.voice == "author" else ()
    parts = []
    for a, b in zip(pts, pts[1:], strict=False):
        parts.append(_segment(profile_text[a:b], _covering_span(sentence.spans, a, b), _in_quote(quotes, a, b)))
    return "".join(parts)


def _markers(sentence: Sentence, target_index: Mapping[str, int]) -> str:
    out = []
    for name, st in sorted(sentence.stance.items(), key=lambda kv: target_index.get(kv[0], 0)):
        n = target_index.get(name, 0)
        tip = f"{name}: {st.label} ({_fmt(st.value)})"
        sym = _STANCE_SYMBOL.get(st.label, "?")
        out.append(
            f'<span class="mk {stance_class(st.label)}" title="{esc(tip)}" aria-label="{esc(tip)}">T{n}{sym}</span>'
        )
    return f'<span class="mks">{"".join(out)}</span>' if out else ""


def _sentence_html(profile_text: str, sentence: Sentence, target_index: Mapping[str, int]) -> str:
    cls = "sent q" if sentence.voice == "quote" else "sent"
    tip = f"loaded {_fmt(sentence.loaded, signed=False)}"
    speaker = ""
    if sentence.voice == "quote":
        tip = f"quote by {sentence.speaker or 'unknown speaker'}; {tip}"
        speaker = f'<span class="spk">{esc(sentence.speaker or "unknown speaker")}</span>'
    return (
        f'<span class="{cls}" data-i="{sentence.index}" tabindex="0" role="button" aria-pressed="false" '
        f'title="{esc(tip)}">{speaker}{_sentence_inner(profile_text, sentence)}</span>'
        f"{_markers(sentence, target_index)}"
    )


def _paragraph_html(text: str, sentences: Sequence[Sentence], target_index: Mapping[str, int]) -> str:
    parts = []
    for prev, cur in zip((None, *sentences), sentences, strict=False):
        if prev is not None:
            parts.append(esc(text[prev.end : cur.start]))
        parts.append(_sentence_html(text, cur, target_index))
    return "<p>" + "".join(parts) + "</p>"


def _article_html(profile: ArticleProfile, target_index: Mapping[str, int]) -> str:
    if not profile.sentences:
        paras = [p for p in profile.text.split("\n\n") if p.strip()]
        if not paras:
            return '<p class="muted">No text.</p>'
        return "".join(f"<p>{esc(p)}</p>" for p in paras)
    groups: dict[int, list[Sentence]] = {}
    for s in sorted(profile.sentences, key=lambda s: s.start):
        groups.setdefault(s.paragraph, []).append(s)
    return "\n".join(_paragraph_html(profile.text, g, target_index) for _, g in sorted(groups.items()))


# --------------------------------------------------------------------------- panels


def _target_names(profile: ArticleProfile) -> list[str]:
    names = list(profile.targets)
    for s in profile.sentences:
        names.extend(t for t in s.stance if t not in names)
    return names


def _target_note(tp: TargetProfile | None) -> str:
    """Kind, same-entity names and how often the target speaks, as a muted line under its name."""
    if tp is None:
        return ""
    bits = [tp.kind]
    if tp.related:
        bits.append("same entity as " + ", ".join(tp.related))
    if tp.quoted or tp.reported:
        bits.append(f"speaks: {tp.quoted} quotes, {tp.reported} reported claims")
    return f'<br><span class="muted">{esc("; ".join(bits))}</span>'


def _targets_table(profile: ArticleProfile, target_index: Mapping[str, int]) -> str:
    if not target_index:
        return '<p class="muted">No targets.</p>'
    rows = []
    for name, n in target_index.items():
        tp = profile.targets.get(name)
        mean = tp.stance_mean if tp else None
        ci = tp.ci95 if tp else None
        dist = tp.distribution if tp else {}
        counts = " / ".join(str(int(dist.get(k, 0))) for k in ("negative", "neutral", "positive"))
        rows.append(
            f"<tr><td><strong>T{n}</strong> {esc(name)}{_target_note(tp)}</td>"
            f'<td class="num">{_fmt(mean)}</td>'
            f'<td>{interval_svg(mean, ci, name)}</td><td class="num">{tp.mentions if tp else 0}</td>'
            f'<td class="num">{counts}</td></tr>'
        )
    return (
        '<table><caption class="muted">Stance from \u22121 (negative) to +1 (positive); bar: 95% interval'
        "</caption><thead><tr><th>Target</th><th>Mean</th><th>Interval</th><th>Mentions</th>"
        "<th>neg/neu/pos</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _density_table(profile: ArticleProfile) -> str:
    lp = profile.loaded_per_100_words
    vals = [v for v in lp.values() if v is not None]
    vmax = max([*vals, 1e-9])
    rows = "".join(
        f'<tr><td>{esc(k)}</td><td class="num">{_fmt(lp.get(k), signed=False)}</td>'
        f"<td>{bar_svg(lp.get(k), vmax, f'loaded per 100 words, {k}')}</td></tr>"
        for k in ("all", "author", "quote")
    )
    share = profile.loaded_share
    share_txt = "n/a" if share is None else f"{100 * share:.1f}%"
    return (
        f"<p>Loaded sentences: <strong>{share_txt}</strong> of {profile.n_sentences} "
        f"(P(loaded) \u2265 {profile.loaded_threshold:.2f}). "
        f"Words: {profile.n_words} ({profile.words_by_voice.get('author', 0)} author, "
        f"{profile.words_by_voice.get('quote', 0)} quoted).</p>"
        "<table><thead><tr><th>Voice</th><th>Loaded / 100 words</th><th></th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _terms_list(items: Sequence[tuple[str, int]], limit: int = 12) -> str:
    if not items:
        return '<p class="muted">none</p>'
    lis = "".join(f'<li>{esc(t)} <span class="muted">({int(c)})</span></li>' for t, c in list(items)[:limit])
    return f'<ol class="terms">{lis}</ol>'


def _cues_html(profile: ArticleProfile) -> str:
    rows = []
    for kind, label in (("reporting_verb", "Reporting verbs"), ("hedge", "Hedges")):
        for voice in ("author", "quote"):
            items = (profile.cues.get(kind, {}) or {}).get(voice, ()) or ()
            txt = ", ".join(f"{t} ({int(c)})" for t, c in list(items)[:10]) or "none"
            rows.append(f"<tr><td>{label}</td><td>{voice}</td><td>{esc(txt)}</td></tr>")
    return (
        "<table><thead><tr><th>Cue</th><th>Voice</th><th>Terms</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _frames_html(profile: ArticleProfile) -> str:
    """A bar per frame (most probable first), its threshold, and a row that lights up its evidence sentences."""
    if not profile.frames:
        return '<p class="muted">No frames head in this model.</p>'
    rows = []
    ranked = sorted(enumerate(profile.frames.values()), key=lambda jf: -jf[1].probability)
    for j, f in ranked:
        mark = "\u2713" if f.present else ""
        evidence = ", ".join(str(e.sentence + 1) for e in f.evidence)
        tip = f"{f.label}: P = {f.probability:.2f}, threshold {f.threshold:.2f}; evidence sentences {evidence}"
        rows.append(
            f'<tr class="frame{" on" if f.present else ""}" data-f="{j}" tabindex="0" title="{esc(tip)}">'
            f"<td>{esc(f.label)}</td><td>{bar_svg(f.probability, 1.0, f'P({f.label})')}</td>"
            f'<td class="num">{_fmt(f.probability, signed=False)}</td>'
            f'<td class="num">{_fmt(f.threshold, signed=False)}</td><td>{mark}</td></tr>'
        )
    return (
        '<table class="frames"><caption class="muted">P(the article uses the frame), pooled over all sentences; '
        "\u2713 = passes its tuned threshold. Hover or focus a frame to highlight its evidence sentences."
        "</caption><thead><tr><th>Frame</th><th></th><th>P</th><th>Threshold</th><th>Present</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def _legend(target_index: Mapping[str, int]) -> str:
    items = [
        '<li><mark class="ld1">low</mark><mark class="ld3">medium</mark><mark class="ld5">high</mark>'
        " loaded wording</li>",
        '<li><span class="q">quoted speech</span> with <span class="spk">speaker</span></li>',
        '<li><span class="mk neg">T1\u2212</span> negative</li>',
        '<li><span class="mk neu">T1\u25cb</span> neutral</li>',
        '<li><span class="mk pos">T1+</span> positive stance toward target T1</li>',
    ]
    items += [f"<li><strong>T{n}</strong> = {esc(name)}</li>" for name, n in target_index.items()]
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _stance_data(st: Stance, text: str) -> dict[str, Any]:
    return {
        "label": st.label,
        "scores": {k: json_float(v) for k, v in st.scores.items()},
        "value": json_float(st.value),
        "mentions": [text[a:b] for a, b in st.mentions],
    }


def _data(profile: ArticleProfile) -> dict[str, Any]:
    sents: list[dict[str, Any]] = [
        {
            "index": s.index,
            "text": s.text,
            "voice": s.voice,
            "speaker": s.speaker,
            "loaded": None if s.loaded is None else json_float(s.loaded),
            "spans": [{"text": sp.text, "score": json_float(sp.score)} for sp in s.spans],
            "stance": {t: _stance_data(st, profile.text) for t, st in s.stance.items()},
        }
        for s in profile.sentences
    ]
    # index by position so data.sentences[data-i] works even if indices are not 0..n-1
    by_index: list[Any] = [None] * (max((s.index for s in profile.sentences), default=-1) + 1)
    for d in sents:
        by_index[d["index"]] = d
    frames = [
        {
            "name": f.name,
            "label": f.label,
            "probability": json_float(f.probability),
            "threshold": json_float(f.threshold),
            "present": f.present,
            "evidence": [{"sentence": e.sentence, "weight": json_float(e.weight)} for e in f.evidence],
            "by_voice": {k: (None if v is None else json_float(v)) for k, v in f.by_voice.items()},
        }
        for f in profile.frames.values()
    ]
    return {"sentences": by_index, "frames": frames}


def render_article(profile: ArticleProfile, title: str | None = None) -> str:
    """ONE self-contained HTML page for ``profile`` (see module docstring for the guarantees)."""
    title = title or str(profile.meta.get("title") or "Framing report")
    target_index = {name: i + 1 for i, name in enumerate(_target_names(profile))}
    body = (
        f'<header><h1>{esc(title)}</h1><p class="sub">Framing report: loaded wording, quoted speech '
        "and stance toward targets. Click or focus a sentence for details.</p>"
        f'<section aria-labelledby="h-legend"><h2 id="h-legend">Legend</h2>{_legend(target_index)}</section>'
        "</header>\n<main>\n"
        '<div class="layout">'
        f'<article class="card" aria-labelledby="h-article"><h2 id="h-article">Article</h2>'
        f"{_article_html(profile, target_index)}</article>"
        '<div class="side">'
        '<section class="card" aria-labelledby="h-details"><h2 id="h-details">Sentence details</h2>'
        '<div id="details" aria-live="polite"><p class="hint">Hover, focus or click a sentence.</p></div>'
        "</section>"
        f'<section class="card" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>'
        f"<h3>Frames</h3>{_frames_html(profile)}"
        f"<h3>Stance per target</h3>{_targets_table(profile, target_index)}"
        f"<h3>Loaded wording by voice</h3>{_density_table(profile)}"
        f"<h3>Top loaded terms</h3>{_terms_list(profile.top_loaded_terms)}"
        f"<h3>Framing cues</h3>{_cues_html(profile)}</section>"
        "</div></div>\n</main>\n"
        f"{json_script(_data(profile), 'framing-data')}"
    )
    logger.debug("rendered article report with %d sentences", profile.n_sentences)
    return page(title, body)
