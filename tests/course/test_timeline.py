"""The transaction timeline: lanes told apart by more than colour, events in order."""

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.colors import to_rgba

from workbook.timeline import LANE_LOOKS, transaction_timeline

pytestmark = pytest.mark.course

LOST_UPDATE = [
    ("clerk A", "reads 10"),
    ("clerk B", "reads 10"),
    ("clerk A", "writes 9"),
    ("clerk B", "writes 9"),
    ("table", "quantity = 9"),
]


def _marker_lines(fig):
    return [line for line in fig.axes[0].lines if line.get_linestyle() == "None"]


def test_each_lane_has_its_own_colour_line_style_and_marker():
    for index in (0, 1, 2):  # colour, line style, marker: each alone tells the lanes apart
        assert len({look[index] for look in LANE_LOOKS}) == len(LANE_LOOKS)


def test_events_sit_on_their_actors_lane_in_the_order_they_happened():
    fig = transaction_timeline(LOST_UPDATE, title="A lost update")
    lanes = {
        line.get_label(): (list(line.get_xdata()), set(line.get_ydata()))
        for line in _marker_lines(fig)
    }
    assert lanes == {"clerk A": ([1, 3], {0}), "clerk B": ([2, 4], {1}), "table": ([5], {2})}
    assert [tick.get_text() for tick in fig.axes[0].get_yticklabels()] == [
        "clerk A",
        "clerk B",
        "table",
    ]
    labels = {(text.xy, text.get_text()) for text in fig.axes[0].texts}
    assert labels == {
        ((1, 0), "reads 10"),
        ((2, 1), "reads 10"),
        ((3, 0), "writes 9"),
        ((4, 1), "writes 9"),
        ((5, 2), "quantity = 9"),
    }


def test_lanes_differ_by_marker_as_well_as_colour():
    markers = [
        (line.get_marker(), line.get_color())
        for line in _marker_lines(transaction_timeline(LOST_UPDATE, title="t"))
    ]
    assert len({marker for marker, _ in markers}) == len({colour for _, colour in markers}) == 3


def test_the_figure_is_titled_labelled_and_opaque():
    fig = transaction_timeline(LOST_UPDATE, title="A lost update")
    ax = fig.axes[0]
    assert ax.get_title() == "A lost update" and ax.get_xlabel() and ax.get_ylabel()
    assert to_rgba(fig.get_facecolor())[3] == 1.0


def test_no_events_or_too_many_lanes_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one event"):
        transaction_timeline([], title="t")
    with pytest.raises(ValueError, match="at most"):
        transaction_timeline(
            [(f"actor {n}", "acts") for n in range(len(LANE_LOOKS) + 1)], title="t"
        )
