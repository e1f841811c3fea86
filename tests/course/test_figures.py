"""The course's figures: a second cue besides colour, and an opaque background."""

import matplotlib

matplotlib.use("Agg")

from matplotlib.colors import to_hex, to_rgba
from matplotlib.patches import FancyArrowPatch

from workbook import figures, style


def _arrows(fig):
    return [patch for ax in fig.axes for patch in ax.patches if isinstance(patch, FancyArrowPatch)]


def test_messages_differ_from_http_by_line_style_as_well_as_colour():
    arrows = _arrows(figures.system_diagram())
    messages = [
        a for a in arrows if to_hex(a.get_edgecolor()) == style.PALETTE["vermillion"].lower()
    ]
    others = [a for a in arrows if a not in messages]
    assert len(messages) == 4 and others
    assert all(a.get_linestyle() == "--" for a in messages)
    assert all(a.get_linestyle() == "-" for a in others)


def test_figures_have_an_opaque_background_for_dark_themes():
    style.apply()
    for fig in (figures.system_diagram(), figures.testing_pyramid()):
        assert to_rgba(fig.get_facecolor())[3] == 1.0


def test_percentiles_differ_by_line_style_and_marker_too():
    looks = list(style.PERCENTILES.values())
    for index in (0, 1, 2):  # colour, line style, marker: each alone tells them apart
        assert len({look[index] for look in looks}) == len(looks)
