"""One chart for screen and PDF: a horizontal (grouped) bar chart drawn as inline SVG.

The same markup goes into the page and into WeasyPrint, so what a lead sees on screen is
what prints. No script, no external assets, no `style=` (the Content-Security-Policy
forbids inline styles; presentation attributes such as `fill` are not styles). Text is
laid out from an estimated character width, since there are no font metrics here: labels
wrap onto two lines and are cut with an ellipsis past that.

Every chart is followed on the page by the table of the same figures, so the SVG carries
only an accessible name (`aria-label` and `<title>`), not a second copy of the data.
"""

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reporting.document import MONEY, PERCENT, Chart, Suppressed

from .formatting import format_value, is_number

# NHS.UK colours, in the order series take them.
PALETTE = ("#005eb8", "#41b6e6", "#007f3b", "#ffb81c", "#330072")
# The light colours have less than 3:1 contrast with white (WCAG 1.4.11), so their bars
# get an outline in NHS secondary-text grey.
OUTLINED = {"#41b6e6", "#ffb81c"}
TEXT, MUTED, GRID, OUTLINE = "#212b32", "#4c6272", "#d8dde0", "#4c6272"
FONTS = "Frutiger W01, Arial, Liberation Sans, DejaVu Sans, sans-serif"

WIDTH = 640
PAD = 8
FONT = 13
SMALL = 11
CHAR = 0.6  # average glyph width in ems; generous, so labels do not overrun
LINE = 15  # height of a line of label text
LABEL_MIN, LABEL_MAX = 60, 210
LABEL_LINES = 2
BAR_SINGLE, BAR_GROUPED, BAR_GAP, GROUP_GAP = 20, 14, 2, 12
SWATCH = 12
NO_DATA = "no data"


def _n(x: float) -> str:
    """Coordinates to one decimal place, without trailing zeros, to keep the SVG small."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR


def _value_label(value, unit: str) -> str:
    if isinstance(value, Suppressed):
        return value.label
    if value is None:
        return NO_DATA
    if unit == "%":
        return format_value(value, PERCENT)
    if unit == "£":
        return format_value(value, MONEY)
    return format_value(value, "") if isinstance(value, float) else f"{value:,}"


def _wrap(label: str, chars: int) -> list[str]:
    """Up to LABEL_LINES lines of at most `chars` characters, broken at spaces."""
    words, lines, line = label.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= chars or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    lines = [part if len(part) <= chars else part[: chars - 1] + "…" for part in lines]
    if len(lines) > LABEL_LINES:
        last = lines[LABEL_LINES - 1]
        lines = lines[: LABEL_LINES - 1] + [last[: chars - 1].rstrip() + "…"]
    return lines or [""]


def _nice_step(span: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving four to six ticks."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def _scale(numbers: list[float]) -> tuple[float, float, float]:
    low, high = min([0, *numbers]), max([0, *numbers])
    if low == high:
        high = 1
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _tick_value(tick: float):
    """1.0 reads as 1 and 0.30000000000000004 as 0.3."""
    return int(tick) if tick.is_integer() else round(tick, 6)


def _legend(series_names: list[str], top: float) -> tuple[list[str], float]:
    """Swatches and names, wrapping onto further lines; returns the markup and its height."""
    parts, x, y = [], PAD, top
    for index, name in enumerate(series_names):
        colour = PALETTE[index % len(PALETTE)]
        item = SWATCH + 6 + _text_width(name) + 18
        if x > PAD and x + item > WIDTH - PAD:
            x, y = PAD, y + LINE + 5
        outline = f' stroke="{OUTLINE}"' if colour in OUTLINED else ""
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{SWATCH}" height="{SWATCH}" '
            f'fill="{colour}"{outline}/>'
            f'<text x="{_n(x + SWATCH + 6)}" y="{_n(y + SWATCH - 2)}">{escape(name)}</text>'
        )
        x += item
    return parts, y + LINE + 9 - top


def chart_svg(chart: Chart) -> SafeString:
    series = chart.series
    categories = [str(c) for c in chart.categories]
    title = escape(chart.title)

    def value(s, i):
        return s.values[i] if i < len(s.values) else None

    numbers = [float(v) for s in series for v in s.values if is_number(v)]
    low, high, step = _scale(numbers)

    parts: list[str] = []
    top = PAD
    if len(series) > 1:
        legend, height = _legend([s.name for s in series], top)
        parts += legend
        top += height

    longest = max((len(c) for c in categories), default=0)
    chars = max(4, min(longest, int(LABEL_MAX / (FONT * CHAR))))
    label_w = max(LABEL_MIN, chars * FONT * CHAR)
    labels = [_wrap(c, chars) for c in categories]
    value_labels = [
        _value_label(value(s, i), chart.unit) for s in series for i in range(len(categories))
    ]
    value_w = max([40, *(_text_width(t, SMALL) + 8 for t in value_labels)])
    x0 = PAD + label_w + 8
    x1 = WIDTH - PAD - value_w
    plot_top = top

    def x(v):
        return x0 + (v - low) / (high - low) * (x1 - x0)

    bar = BAR_SINGLE if len(series) <= 1 else BAR_GROUPED
    y = top
    for i, lines in enumerate(labels):
        bars_h = max(1, len(series)) * bar + max(0, len(series) - 1) * BAR_GAP
        group_h = max(bars_h, len(lines) * LINE)
        # Labels are centred on their group; each line is a tspan of its own.
        first = y + group_h / 2 - (len(lines) - 1) * LINE / 2 + FONT * 0.35
        tspans = "".join(
            f'<tspan x="{_n(x0 - 8)}" y="{_n(first + n * LINE)}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end">{tspans}</text>')
        bar_y = y + (group_h - bars_h) / 2
        for j, s in enumerate(series):
            v = value(s, i)
            label = escape(_value_label(v, chart.unit))
            middle = bar_y + bar / 2 + SMALL * 0.35
            if is_number(v):
                colour = PALETTE[j % len(PALETTE)]
                start, end = sorted((x(0), x(float(v))))
                outline = f' stroke="{OUTLINE}" stroke-width="1"' if colour in OUTLINED else ""
                parts.append(
                    f'<rect x="{_n(start)}" y="{_n(bar_y)}" width="{_n(max(end - start, 1))}" '
                    f'height="{bar}" fill="{colour}"{outline}>'
                    f"<title>{escape(categories[i])}, {escape(s.name)}: {label}</title></rect>"
                )
                # Negative bars carry their figure on the left of the bar's end.
                if v < 0:
                    parts.append(
                        f'<text x="{_n(start - 4)}" y="{_n(middle)}" text-anchor="end" '
                        f'font-size="{SMALL}">{label}</text>'
                    )
                else:
                    parts.append(
                        f'<text x="{_n(end + 4)}" y="{_n(middle)}" font-size="{SMALL}">'
                        f"{label}</text>"
                    )
            else:
                # A gap where the bar would be, with the reason in its place.
                parts.append(
                    f'<text x="{_n(x(0) + 4)}" y="{_n(middle)}" font-size="{SMALL}" '
                    f'font-style="italic" fill="{MUTED}">{label}</text>'
                )
            bar_y += bar + BAR_GAP
        y += group_h + GROUP_GAP

    plot_bottom = max(y - GROUP_GAP, plot_top + LINE)
    if not categories:
        parts.append(
            f'<text x="{_n(WIDTH / 2)}" y="{_n(plot_top + LINE)}" text-anchor="middle" '
            f'fill="{MUTED}">Nothing to show</text>'
        )
    # Gridlines and tick labels go under the bars, so they are drawn first.
    grid = []
    tick = float(low)
    while tick <= high + step / 1000:
        gx = _n(x(tick))
        is_zero = abs(tick) < step / 1000
        grid.append(
            f'<line x1="{gx}" y1="{_n(plot_top - 4)}" x2="{gx}" y2="{_n(plot_bottom + 4)}" '
            f'stroke="{MUTED if is_zero else GRID}" stroke-width="1"/>'
            f'<text x="{gx}" y="{_n(plot_bottom + 4 + SMALL + 4)}" text-anchor="middle" '
            f'font-size="{SMALL}" fill="{MUTED}">'
            f"{escape(_value_label(_tick_value(tick), chart.unit))}</text>"
        )
        tick += step
    height = plot_bottom + 4 + SMALL + 10
    if chart.unit and chart.unit not in ("%", "£"):
        grid.append(
            f'<text x="{_n((x0 + x1) / 2)}" y="{_n(height + SMALL)}" text-anchor="middle" '
            f'font-size="{SMALL}" fill="{MUTED}">{escape(chart.unit)}</text>'
        )
        height += SMALL + 6
    height += PAD

    # Every piece of text above went through escape().
    return mark_safe(  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="outreach-chart" role="img" '
        f'aria-label="{title}" viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" '
        f'height="{_n(height)}" font-family="{FONTS}" font-size="{FONT}" fill="{TEXT}">'
        f"<title>{title}</title>"
        "<desc>Horizontal bar chart. The same figures are in the table that follows it.</desc>"
        + "".join(grid)
        + "".join(parts)
        + "</svg>"
    )
