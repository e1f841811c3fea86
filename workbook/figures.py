"""Figures the notebooks show: the system under test and the testing pyramid.

Drawn with matplotlib so they render everywhere (JupyterLab, Binder, GitHub) and can be
redrawn with real numbers later (notebook 13 draws the course's measured pyramid).
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Polygon

from workbook.style import PALETTE

# Light fills so the black text stays readable; the palette's strong colours are for lines.
SERVICE_COLOUR, STORE_COLOUR, BROKER_COLOUR = "#d9ecf8", "#d5f0e6", "#fbe8c4"
HTTP_COLOUR, MESSAGE_COLOUR, DATABASE_COLOUR = (
    PALETTE["black"],
    PALETTE["vermillion"],
    PALETTE["green"],
)


def _box(ax, x, y, w, h, text, colour, size=10):
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0.08",
            facecolor=colour,
            edgecolor="#444444",
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=size)


def _arrow(ax, start, end, label="", at=None, style="-|>", dashed=False, colour="#333333"):
    """An arrow from start to end; the label sits at ``at`` (default: the middle)."""
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle=style,
            mutation_scale=14,
            color=colour,
            linestyle="--" if dashed else "-",
            shrinkA=2,
            shrinkB=2,
        )
    )
    if label:
        x, y = at or ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=8,
            color=colour,
            fontstyle="italic" if dashed else "normal",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )


def system_diagram():
    """The services, their schemas in one PostgreSQL, the broker and the order flow.

    Messages are dashed, numbered and in italics as well as coloured; HTTP is solid.
    """
    fig, ax = plt.subplots(figsize=(11, 6.5))
    users, orders, inventory, shop = (1.8, 4.8), (6, 4.8), (10.2, 4.8), (6, 7.2)
    _box(ax, *shop, 3.4, 0.8, "web shop :3000\nstatic pages + /api proxy", SERVICE_COLOUR)
    for (x, y), name in (
        (users, "users :8080"),
        (orders, "orders :8081"),
        (inventory, "inventory :8082"),
    ):
        _box(ax, x, y, 2.2, 0.9, f"{name}\nFastAPI service", SERVICE_COLOUR)
        _arrow(ax, (shop[0] + (x - 6) * 0.25, shop[1] - 0.5), (x, y + 0.55), colour=PALETTE["grey"])
        _arrow(ax, (x - 0.4, y - 0.55), (x - 0.4, 1.3), style="<|-|>", colour=DATABASE_COLOUR)
    ax.add_patch(
        FancyBboxPatch(
            (0.2, 0.25),
            11.6,
            1.0,
            boxstyle="round,pad=0.08",
            facecolor="#eef8f3",
            edgecolor=DATABASE_COLOUR,
        )
    )
    ax.text(
        11.7,
        1.08,
        "PostgreSQL (one server, a schema per service)",
        ha="right",
        fontsize=8,
        color=DATABASE_COLOUR,
    )
    for x, schema in ((1.8, "users"), (6, "orders + outbox"), (10.2, "inventory")):
        _box(ax, x - 0.4, 0.65, 2.2, 0.45, f"schema {schema}", STORE_COLOUR, size=9)
    ax.text(6, 6.45, "HTTP (same-origin proxy)", ha="center", fontsize=8, color=PALETTE["grey"])
    _box(ax, 8.1, 2.6, 2.4, 0.8, "RabbitMQ\nexchange course.events", BROKER_COLOUR, size=9)
    flow = {"colour": MESSAGE_COLOUR, "dashed": True}
    _arrow(ax, (6.5, 4.25), (7.3, 3.05), "1 order.placed", at=(7.45, 3.75), **flow)
    _arrow(ax, (8.9, 3.05), (9.7, 4.25), "2 order.placed", at=(8.75, 3.75), **flow)
    _arrow(
        ax,
        (10.5, 4.25),
        (9.35, 2.6),
        "3 inventory.reserved\nor inventory.rejected",
        at=(10.75, 3.2),
        **flow,
    )
    _arrow(ax, (6.85, 2.6), (6.1, 4.25), "4 order confirmed\nor rejected", at=(4.75, 3.2), **flow)
    _arrow(ax, (4.85, 4.95), (2.95, 4.95), "user exists?", at=(3.9, 5.2))
    _arrow(ax, (2.95, 4.65), (4.85, 4.65), "a user's orders", at=(3.9, 4.4))
    _arrow(ax, (7.15, 4.8), (9.05, 4.8), "products,\nprices", at=(8.1, 5.2))
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 7.8)
    ax.axis("off")
    ax.set_title(
        "The system under test: services, databases, broker and the order flow\n"
        "(solid: HTTP; dashed and numbered: messages through RabbitMQ)"
    )
    return fig


@dataclass(frozen=True)
class Layer:
    name: str
    note: str
    colour: str


# Light tints of the palette, darker towards the top; each layer is also named in its band.
SEED_PYRAMID = (
    Layer("Unit", "fast · cheap · many — notebooks 01–02", "#cfe6f5"),
    Layer("Integration", "real PostgreSQL and RabbitMQ — 03–04", "#cdeee2"),
    Layer("Contract", "Pact between services — 05–06", "#fbe3b0"),
    Layer("End-to-end", "API, browser — 07–08", "#f5c9a9"),
)


def testing_pyramid(layers=SEED_PYRAMID, title="The testing pyramid for microservices"):
    """Layers bottom (many, cheap) to top (few, expensive), as trapezoids."""
    fig, ax = plt.subplots(figsize=(9, 5.5))
    height = 1.0
    for level, layer in enumerate(layers):
        bottom, top = 1 - level / len(layers), 1 - (level + 1) / len(layers)
        y0, y1 = level * height, (level + 1) * height
        ax.add_patch(
            Polygon(
                [(-bottom, y0), (bottom, y0), (top, y1), (-top, y1)],
                closed=True,
                facecolor=layer.colour,
                edgecolor="#444444",
            )
        )
        ax.text(0, y0 + 0.58 * height, layer.name, ha="center", fontsize=12, weight="bold")
        ax.text(0, y0 + 0.25 * height, layer.note, ha="center", fontsize=8.5)
    total = len(layers) * height
    ax.annotate(
        "", xy=(1.12, total), xytext=(1.12, 0), arrowprops={"arrowstyle": "-|>", "color": "#555555"}
    )
    ax.text(1.16, total / 2, "slower, costlier,\nmore brittle", va="center", fontsize=9)
    ax.set_xlim(-1.1, 1.6)
    ax.set_ylim(0, total + 0.1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("number of tests (wider = more tests of that kind)")
    ax.set_ylabel("cost per test: run time, set-up, flakiness")
    ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
