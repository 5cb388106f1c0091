"""Output stage: plain-text summaries, self-contained HTML reports, comparisons, corpus views.

Submodules are imported lazily by their callers so that ``import framing.report`` stays cheap
(no pandas or matplotlib until :mod:`framing.report.corpus` is used).
"""

from __future__ import annotations

__all__ = ["text", "html", "compare", "corpus"]
