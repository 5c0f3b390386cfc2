"""The opportunities ranked under weights being edited, with how each moved.

It draws what `evaluator.scoring` computed: the screen passes the ranked scores and the
place each opportunity had under the saved weights. ``↑2`` means two places higher than
with the saved weights; excluded opportunities (a dealbreaker) are listed last with ✗.

It redraws on every weight change, so it draws only the lines on screen (the line API):
two hundred opportunities cost no more than the twenty you can see. And a weight moved by one
point leaves most of those lines as they were: each line is kept, drawn, under what it shows
(name, place, move, score, bar), so only the lines that changed are drawn again.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from evaluator import scoring
from evaluator.widgets.range_bar import range_bar_content, range_cells

BAR = 10
FIXED = 3 + 1 + 3 + 1 + 1 + 4 + BAR + 2
"""Cells used by everything but the name: place, move, score, bar, status mark."""
MIN_NAME = 10
KEPT_LINES = 2_000
"""Drawn lines kept for reuse; past this many they are all dropped (a long list, many edits)."""


def places_by_id(scores: Sequence[scoring.Score]) -> dict[str, int | None]:
    """Opportunity id → its place from `scoring.places`: 1 for the best, None for the excluded."""
    return dict(zip((s.opportunity.id for s in scores), scoring.places(scores), strict=True))


class RankingPreview(ScrollView, can_focus=False):
    """A ranked list with a header line that stays put; no sampling, plain scores only."""

    DEFAULT_CSS = """
    RankingPreview {
        height: 1fr;
        width: 1fr;
        overflow-x: hidden;
        background: transparent;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scores: list[scoring.Score] = []
        self.before: dict[str, int | None] = {}
        self.now: dict[str, int | None] = {}
        self.note = ""
        self._lines: dict[Hashable, Content] = {}
        self._strips: dict[Hashable, Strip] = {}

    # --- what to show -----------------------------------------------------------------

    def show(self, scores: Sequence[scoring.Score], before: Mapping[str, int | None]) -> None:
        """Draw these ranked scores; `before` maps ids to the place under the saved weights."""
        self.scores = list(scores)
        self.before = dict(before)
        self.now = places_by_id(self.scores)
        self.note = ""
        self._changed()

    def show_note(self, note: str) -> None:
        """Show a sentence instead of a ranking (e.g. why there is no valid ranking)."""
        self.scores = []
        self.now = {}
        self.note = note
        self._changed()

    def _changed(self) -> None:
        if len(self._lines) > KEPT_LINES or len(self._strips) > KEPT_LINES:
            self._lines.clear()
            self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.scores) + 1)
        self.refresh()

    def text(self) -> str:
        """Every line as plain text, header first (what a reader of the whole list would see)."""
        width = max(self.size.width, FIXED + MIN_NAME)
        return "\n".join(self.line(n, width).plain for n in range(len(self.scores) + 1))

    # --- drawing ----------------------------------------------------------------------

    def _move(self, opportunity_id: str, now: int | None) -> tuple[str, str]:
        then = self.before.get(opportunity_id)
        if now is None or then is None:
            return ("", "")
        if then > now:
            return (f"↑{then - now}", "bold $success")
        if then < now:
            return (f"↓{now - then}", "bold $error")
        return ("·", "$text-muted")

    def _key(self, n: int, width: int) -> Hashable:
        """Everything line n shows: two lines with equal keys look the same."""
        if n == 0:
            return (width, self.note, bool(self.scores))
        score = self.scores[n - 1]
        o = score.opportunity
        place = self.now.get(o.id)
        return (
            width,
            o.id,
            o.name,
            place,
            self._move(o.id, place),
            round(score.score),
            range_cells(score.score, score.low, score.high, BAR),
            score.status,
        )

    def line(self, n: int, width: int) -> Content:
        """Line n: 0 is the header (or the note), then one line per opportunity."""
        key = self._key(n, width)
        cached = self._lines.get(key)
        if cached is None:
            cached = self._lines[key] = self._draw(n, width)
        return cached

    def _draw(self, n: int, width: int) -> Content:
        name_width = max(MIN_NAME, width - FIXED)
        if n == 0:
            if self.note or not self.scores:
                note = self.note or "No open opportunities to rank yet."
                content = Content.styled(note, "$text-muted").truncate(width, ellipsis=True)
            else:
                content = Content.styled(
                    f"{'#':>3} {'':3} {'Opportunity':<{name_width}} {'Score':<{4 + BAR}}", "bold $text-muted"
                )
        else:
            score = self.scores[n - 1]
            o = score.opportunity
            place = self.now.get(o.id)
            move, move_style = self._move(o.id, place)
            excluded = place is None
            name = Content(o.name).truncate(name_width, ellipsis=True, pad=True)
            if excluded:
                name = name.stylize("strike $text-muted")
            mark = {"excluded": " ✗", "possible-dealbreaker": " ?"}.get(score.status, "  ")
            content = Content.assemble(
                ("  ✗" if excluded else f"{place:>3}", "bold"),
                " ",
                (move.ljust(3), move_style),
                " ",
                name,
                " ",
                f"{score.score:3.0f} ",
                range_bar_content(score.score, score.low, score.high, width=BAR),
                (mark, "bold $warning"),
            )
        return content

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_y = self.scroll_offset.y
        n = 0 if y == 0 else y + scroll_y
        base = self.visual_style
        if n > len(self.scores):
            return Strip.blank(width, base.rich_style)
        key = (self._key(n, width), base, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            content = self.line(n, width)
            strip = Strip(content.render_segments(base), content.cell_length).crop_extend(0, width, base.rich_style)
            self._strips[key] = strip
        return strip.apply_offsets(0, n)

    def on_resize(self) -> None:
        self._changed()
