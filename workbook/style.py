"""How the course's figures look: colours everyone can tell apart, readable on a dark theme.

- Colours are Okabe and Ito's palette, which stays distinct with every common kind of colour
  blindness; a figure never tells two things apart by colour alone (a line style, a marker,
  a hatch or a label says it too).
- Figures have an opaque white background, set here rather than left to the defaults: a
  transparent figure loses its black text on JupyterLab's dark theme.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design". Named by use, so a figure says what it means.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#6E6E6E",
    "black": "#000000",
}
# Percentiles always look the same: the colour and the line style each tell them apart.
PERCENTILES = {
    "50": (PALETTE["blue"], "-", "o"),
    "95": (PALETTE["orange"], "--", "s"),
    "99": (PALETTE["vermillion"], ":", "^"),
}
GOOD, BAD = PALETTE["blue"], PALETTE["vermillion"]

COURSE_RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.prop_cycle": None,  # filled in by course_rc(): the palette, in a fixed order
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}


def course_rc() -> dict:
    """matplotlib settings for every figure of the course."""
    from cycler import cycler

    order = ("blue", "orange", "green", "vermillion", "purple", "sky", "grey", "yellow")
    return {**COURSE_RC, "axes.prop_cycle": cycler(color=[PALETTE[name] for name in order])}


def apply() -> None:
    """Use the course's style for every figure drawn in this process."""
    import matplotlib

    matplotlib.rcParams.update(course_rc())


# The layers of the pyramid in notebook 13's figures: a colour and a hatch each, so the two
# cues tell them apart. Layers outside the pyramid (cross-cutting kinds, tooling) use OTHER_LAYER.
LAYER_STYLES = {
    "unit": (PALETTE["green"], ""),
    "integration": (PALETTE["sky"], "//"),
    "contract": (PALETTE["yellow"], ".."),
    "e2e": (PALETTE["orange"], "\\\\"),
    "ui": (PALETTE["vermillion"], "xx"),
}
OTHER_LAYER = (PALETTE["grey"], "--")
