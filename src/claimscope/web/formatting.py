"""How numbers and ranges are written on the pages."""

from __future__ import annotations


def format_number(value: float | None) -> str:
    """A number with thousands separators and no trailing zeros, or a dash."""
    return "—" if value is None else f"{value:,.10g}"


def format_value(low: float | None, high: float | None) -> str:
    """A value or range: "1,200", "1,100–1,300", "≥ 24" (open above), "≤ 90" (open below)."""
    if low is None and high is None:
        return "—"
    if high is None:
        return f"≥ {format_number(low)}"
    if low is None:
        return f"≤ {format_number(high)}"
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
