"""Rule-based segmentation must scale linearly: time per character at 1 MB vs 100 kB in one run.

    python benchmarks/segment_scaling.py

Prints both rates and their ratio (goal: ratio ≤ 1.5, i.e. no super-linear blow-up). A ratio,
not a wall time, so the number means the same on a busy or an idle machine.
"""

from __future__ import annotations

import time

from framing.segment import segment

UNIT = (
    "NATO Secretary General Jens Stoltenberg said on Monday the U.S.-led bloc would act. "
    "“We need to be prepared. That’s the reason,” he said, citing a “special military operation”.\n"
)


def seconds_per_char(n_chars: int, repeats: int = 3) -> float:
    text = UNIT * (n_chars // len(UNIT))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        segment(text)
        best = min(best, time.process_time() - t0)
    return best / len(text)


def main() -> None:
    small, large = seconds_per_char(100_000), seconds_per_char(1_000_000)
    ratio = large / small
    print(f"100 kB: {small * 1e9:.0f} ns/char; 1 MB: {large * 1e9:.0f} ns/char; ratio {ratio:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
