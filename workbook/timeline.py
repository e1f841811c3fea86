"""A timeline of interleaved transactions: who did what, in the order it happened.

    transaction_timeline([("clerk A", "reads 10"), ("clerk B", "reads 10"), ...])

Each actor gets a lane; time runs left to right, one step per event. Lanes differ by
colour (Okabe-Ito), by line style and by marker, so the figure reads the same in
greyscale and for every common kind of colour blindness.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt

from workbook.style import PALETTE

# One look per lane: colour, line style, marker. Each alone tells the lanes apart.
LANE_LOOKS = (
    (PALETTE["blue"], "-", "o"),
    (PALETTE["orange"], "--", "s"),
    (PALETTE["grey"], ":", "D"),
    (PALETTE["green"], "-.", "^"),
)


def transaction_timeline(events: Sequence[tuple[str, str]], title: str):
    """A figure of ``events``, (actor, what it did) pairs in the order they happened.

    Lanes are in order of each actor's first event, top to bottom.
    """
    if not events:
        raise ValueError("a timeline needs at least one event")
    lanes = list(dict.fromkeys(actor for actor, _ in events))
    if len(lanes) > len(LANE_LOOKS):
        raise ValueError(f"at most {len(LANE_LOOKS)} lanes, got {len(lanes)}: {lanes}")
    # An opaque background of its own: a transparent figure loses its text on a dark theme.
    fig, ax = plt.subplots(figsize=(9, 1.0 + 0.9 * len(lanes)), facecolor="white")
    for row, (lane, (colour, line, marker)) in enumerate(zip(lanes, LANE_LOOKS, strict=False)):
        steps = [step for step, (actor, _) in enumerate(events, start=1) if actor == lane]
        ax.plot(
            [0.5, len(events) + 0.5],
            [row, row],
            color=colour,
            linestyle=line,
            linewidth=1.2,
            alpha=0.6,
        )
        ax.plot(
            steps,
            [row] * len(steps),
            linestyle="none",
            marker=marker,
            markersize=11,
            color=colour,
            label=lane,
        )
        for step in steps:
            ax.annotate(
                events[step - 1][1],
                (step, row),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.6)  # first lane on top
    ax.set_xticks(range(1, len(events) + 1))
    ax.set_xlim(0.5, len(events) + 0.5)
    ax.set_xlabel("step, in the order it happened (time →)")
    ax.set_ylabel("who")
    ax.set_title(title)
    fig.tight_layout()
    return fig
