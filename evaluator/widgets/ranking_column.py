"""One profile's ranking in a few lines, for putting two profiles side by side.

::

    creative impact — lead: leaning
    1 ★ Pulseband          78  66–88   71%
    2   Lumen & Bell PR    61  42–80   29%
    ✗   Vallée Verte Wines 55  48–63    —
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from evaluator import report, scoring
from evaluator.widgets.criterion_cell import MUTED
from evaluator.widgets.range_bar import range_bar_content
from evaluator.widgets.score_cell import WINNER

WIDE = 56
"""From this many cells wide, a range bar is drawn too."""
BAR = 12


class RankingColumn(Widget):
    """The ranking of one comparison: rank, company, score, range and win probability."""

    DEFAULT_CSS = """
    RankingColumn {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, comparison: scoring.Comparison | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison = comparison

    def show(self, comparison: scoring.Comparison | None) -> None:
        self.comparison = comparison
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + (len(self.comparison.scores) if self.comparison else 0)

    def render(self) -> Content:
        c = self.comparison
        if c is None:
            return Content("")
        width = max(self.content_size.width, 20)
        lead = f" — lead: {c.label}" if c.win is not None else f"  {report.COMPUTING}"
        lines = [Content.assemble((c.profile.name, "bold"), (lead, MUTED)).truncate(width, ellipsis=True)]
        wide = width >= WIDE
        fixed = 4 + 4 + 8 + 5 + (BAR + 1 if wide else 0)
        name_width = max(width - fixed, 6)
        leader = c.leader
        for rank, s in zip(scoring.places(c.scores), c.scores, strict=True):
            excluded = rank is None
            place = ("✗ ", "$text-error") if excluded else (f"{rank} ", "")
            star = (f"{WINNER} ", "bold $text-accent") if s is leader else ("  ", "")
            name = Content(s.opportunity.company).truncate(name_width, ellipsis=True, pad=True)
            win = c.win.first.get(s.opportunity.id) if c.win else None
            shown = report.percent(win) if win is not None else ("—" if c.win else "…")
            parts: list[str | Content | tuple[str, str]] = [
                place,
                star,
                name.stylize("strike $text-muted") if excluded else name,
                (f"{s.score:4.0f}", "bold"),
                (f"  {s.low:.0f}–{s.high:.0f}".ljust(8), MUTED),
            ]
            if wide:
                parts += [" ", range_bar_content(s.score, s.low, s.high, width=BAR)]
            parts.append(shown.rjust(5))
            lines.append(Content.assemble(*parts).truncate(width, ellipsis=True))
        return Content("\n").join(lines)
