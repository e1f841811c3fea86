"""Plain-text tables for the course's command-line reports."""

from __future__ import annotations


def format_table(headers, rows) -> str:
    cells = [tuple(map(str, headers))] + [tuple(map(str, row)) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_table(headers, rows) -> None:
    print(format_table(headers, rows), flush=True)
