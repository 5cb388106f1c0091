"""Text and HTML rendering of a :class:`~framing.report.compare.Comparison`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from framing.report.html import bar_svg, esc, interval_svg, page
from framing.report.text import fmt_num

if TYPE_CHECKING:
    from framing.report.compare import Comparison, Difference

__all__ = ["comparison_text", "comparison_html"]

_VOICES = ("all", "author", "quote")


def _ci(ci: tuple[float, float] | None) -> str:
    return "n/a" if ci is None else f"[{fmt_num(ci[0], signed=True)}, {fmt_num(ci[1], signed=True)}]"


def _text_differences(c: Comparison, differences: Sequence[Difference]) -> list[str]:
    """One line per pair of articles: the later one minus the earlier one, with its interval."""
    return [
        f"  {c.names[j]} - {c.names[i]}: {fmt_num(d, signed=True)} (95% CI {_ci(ci)})" for i, j, d, ci in differences
    ]


def _html_differences(
    c: Comparison,
    differences: Sequence[Difference],
    about: str | None,
    cells: int,
    lo: float = -1.0,
    hi: float = 1.0,
) -> list[str]:
    """Table rows of the pairwise differences; ``about`` names the quantity in each interval's label,
    ``cells`` is the row's width (empty cells pad it), ``lo``/``hi`` the interval plot's axis."""
    rows = []
    for i, j, d, ci in differences:
        label = f"{c.names[j]} \u2212 {c.names[i]}"
        svg = interval_svg(d, ci, f"{label}, {about}" if about else label, lo=lo, hi=hi)
        pad = "<td></td>" * (cells - 3)
        rows.append(f'<tr><td>{esc(label)}</td><td class="num">{fmt_num(d, signed=True)}</td><td>{svg}</td>{pad}</tr>')
    return rows


def _text_targets(c: Comparison) -> list[str]:
    lines = ["", "Stance per shared target (-1 negative .. +1 positive)", "-" * 53]
    if not c.targets:
        lines.append("no target shared by two or more articles")
    for t in c.targets:
        lines.append(t.name)
        for n, tp in zip(c.names, t.per_article, strict=True):
            if tp is None:
                lines.append(f"  {n}: not mentioned")
            else:
                mean = fmt_num(tp.stance_mean, signed=True)
                lines.append(f"  {n}: {mean} (95% CI {_ci(tp.ci95)}, {tp.mentions} mentions)")
        lines += _text_differences(c, t.differences)
    for n, ts in c.unshared_targets.items():
        if ts:
            lines.append(f"only in {n}: {', '.join(ts)}")
    return lines


def _prob_ci(ci: tuple[float, float] | None) -> str:
    return "n/a" if ci is None else f"[{fmt_num(ci[0])}, {fmt_num(ci[1])}]"


def _text_frames(c: Comparison) -> list[str]:
    if not c.frames:
        return []
    lines = ["", "Frames (P(the article uses the frame); * = passes its threshold)", "-" * 64]
    for f in c.frames:
        lines.append(f.label)
        for n, fs in zip(c.names, f.per_article, strict=True):
            if fs is None:
                lines.append(f"  {n}: no frames")
            else:
                mark = " *" if fs.present else ""
                lines.append(f"  {n}: {fmt_num(fs.probability)}{mark} (95% CI {_prob_ci(fs.ci95)})")
        lines += _text_differences(c, f.differences)
    return lines


def _text_density(c: Comparison) -> list[str]:
    lines = ["", "Loaded terms per 100 words", "--------------------------"]
    for n in c.names:
        d = c.loaded_per_100_words[n]
        lines.append(f"  {n}: " + ", ".join(f"{v} {fmt_num(d.get(v))}" for v in _VOICES))
    return lines


def _text_terms(c: Comparison) -> list[str]:
    lines = [
        "",
        "Distinctive loaded terms (not in the other texts)",
        "-------------------------------------------------",
    ]
    for n in c.names:
        terms = ", ".join(f"{t} ({k})" for t, k in c.distinctive_terms[n]) or "none"
        lines.append(f"  {n}: {terms}")
    lines += ["", "Labelling choices", "-----------------"]
    if not c.labels:
        lines.append("  none of the curated variant pairs occur")
    for pair, per in c.labels.items():
        cells = "; ".join(f"{n}: " + ", ".join(f"{w} {k}" for w, k in counts.items()) for n, counts in per.items())
        lines.append(f"  {pair}: {cells}")
    return lines


def comparison_text(c: Comparison) -> str:
    head = ["Comparison of " + ", ".join(c.names), "=" * (14 + len(", ".join(c.names)))]
    return "\n".join(head + _text_targets(c) + _text_frames(c) + _text_density(c) + _text_terms(c)) + "\n"


def _html_targets(c: Comparison) -> str:
    if not c.targets:
        return '<p class="muted">No target is shared by two or more articles.</p>'
    out = []
    for t in c.targets:
        rows = []
        for n, tp in zip(c.names, t.per_article, strict=True):
            if tp is None:
                rows.append(f'<tr><td>{esc(n)}</td><td colspan="3" class="muted">not mentioned</td></tr>')
                continue
            rows.append(
                f'<tr><td>{esc(n)}</td><td class="num">{fmt_num(tp.stance_mean, signed=True)}</td>'
                f"<td>{interval_svg(tp.stance_mean, tp.ci95, f'{n}, {t.name}')}</td>"
                f'<td class="num">{tp.mentions}</td></tr>'
            )
        rows += _html_differences(c, t.differences, None, 4, lo=-2.0, hi=2.0)
        out.append(
            f"<h3>{esc(t.name)}</h3><table><thead><tr><th>Article</th><th>Mean</th><th>95% interval</th>"
            f"<th>Mentions</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(out)


def _html_frames(c: Comparison) -> str:
    if not c.frames:
        return '<p class="muted">No frames (the model has no frames head).</p>'
    rows = []
    for f in c.frames:
        rows.append(f'<tr><th colspan="3">{esc(f.label)}</th></tr>')
        for n, fs in zip(c.names, f.per_article, strict=True):
            if fs is None:
                rows.append(f'<tr><td>{esc(n)}</td><td colspan="2" class="muted">no frames</td></tr>')
                continue
            mark = " \u2713" if fs.present else ""
            rows.append(
                f'<tr><td>{esc(n)}</td><td class="num">{fmt_num(fs.probability)}{mark}</td>'
                f"<td>{interval_svg(fs.probability, fs.ci95, f'{n}, {f.label}', lo=0.0, hi=1.0)}</td></tr>"
            )
        rows += _html_differences(c, f.differences, f.label, 3)
    return (
        "<table><thead><tr><th>Article</th><th>P</th><th>95% interval</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _html_density(c: Comparison) -> str:
    vals = [v for d in c.loaded_per_100_words.values() for v in d.values() if v is not None]
    vmax = max([*vals, 1e-9])
    rows = []
    for n in c.names:
        d = c.loaded_per_100_words[n]
        cells = "".join(
            f'<td class="num">{fmt_num(d.get(v))} {bar_svg(d.get(v), vmax, f"{n}, {v}", width=90)}</td>'
            for v in _VOICES
        )
        rows.append(f"<tr><td>{esc(n)}</td>{cells}</tr>")
    head = "".join(f"<th>{v}</th>" for v in _VOICES)
    return f"<table><thead><tr><th>Article</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _html_terms(c: Comparison) -> str:
    items = "".join(
        f"<li><strong>{esc(n)}</strong>: "
        + (esc(", ".join(f"{t} ({k})" for t, k in c.distinctive_terms[n])) or '<span class="muted">none</span>')
        + "</li>"
        for n in c.names
    )
    return f'<ul class="terms">{items}</ul>'


def _html_labels(c: Comparison) -> str:
    if not c.labels:
        return '<p class="muted">None of the curated variant pairs occur.</p>'
    head = "".join(f"<th>{esc(n)}</th>" for n in c.names)
    rows = "".join(
        f"<tr><td>{esc(pair)}</td>"
        + "".join(f"<td>{esc(', '.join(f'{w}: {k}' for w, k in per[n].items()))}</td>" for n in c.names)
        + "</tr>"
        for pair, per in c.labels.items()
    )
    return f"<table><thead><tr><th>Variants</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def comparison_html(c: Comparison, title: str | None = None) -> str:
    title = title or "Comparison: " + ", ".join(c.names)
    body = (
        f'<header><h1>{esc(title)}</h1><p class="sub">The same event told by different sources: stance '
        "toward shared targets (\u22121 negative to +1 positive, dot = mean, bar = 95% interval), "
        "loaded wording and word choices.</p></header><main>"
        f'<section class="card"><h2>Stance per shared target</h2>{_html_targets(c)}</section>'
        f'<section class="card"><h2>Frames</h2>{_html_frames(c)}</section>'
        f'<section class="card"><h2>Loaded terms per 100 words, by voice</h2>{_html_density(c)}</section>'
        f'<section class="card"><h2>Distinctive loaded terms</h2>{_html_terms(c)}</section>'
        f'<section class="card"><h2>Labelling choices</h2>{_html_labels(c)}</section></main>'
    )
    return page(title, body, script=False)
