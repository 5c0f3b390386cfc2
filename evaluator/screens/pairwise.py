"""The pairwise quiz: compare criteria two at a time on Saaty's 1–9 scale.

At the end it shows the weights and the consistency ratio that `evaluator.weights`
computes from the answers (AHP). When the ratio is above 0.10 it names the judgment
that fits the others least, with a button to revisit it. Accepting returns the
judgments; the editor then weighs the profile by them.
"""

from __future__ import annotations

from itertools import combinations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from evaluator import report, weights
from evaluator.model import MAX_PAIRWISE, Judgment, Profile, WeightingMethod
from evaluator.widgets.range_bar import percent_bar
from evaluator.widgets.saaty_scale import SPAN, STRENGTH_WORDS, SaatyScale, strength_of


class PairwiseQuiz(ModalScreen[list[Judgment] | None]):
    """Walk through every pair of criteria, then show the weights and their consistency."""

    DEFAULT_CSS = """
    PairwiseQuiz { align: center middle; }
    PairwiseQuiz > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; padding: 0 2;
        overflow-y: auto;
        border: thick $primary; background: $surface;
    }
    PairwiseQuiz #quiz-title { text-style: bold; margin-top: 1; }
    PairwiseQuiz #quiz-question { color: $text-muted; }
    PairwiseQuiz #quiz-pair { height: 3; margin-top: 1; }
    PairwiseQuiz #quiz-pair > Static { width: 1fr; height: 3; content-align: center middle;
        border: round $panel; text-style: bold; }
    PairwiseQuiz #quiz-pair > #quiz-vs { width: 6; border: none; color: $text-muted; text-style: none; }
    PairwiseQuiz #quiz-pair > .-leading { border: round $accent; }
    PairwiseQuiz SaatyScale { margin: 1 0 0 8; }
    PairwiseQuiz #quiz-meaning { height: 2; margin-top: 1; }
    PairwiseQuiz #quiz-ask, PairwiseQuiz #quiz-result { height: auto; }
    PairwiseQuiz #quiz-weights { margin-top: 1; }
    PairwiseQuiz #quiz-consistency { margin-top: 1; }
    PairwiseQuiz #quiz-consistency.-inconsistent { color: $warning; }
    PairwiseQuiz .quiz-buttons { height: auto; align-horizontal: right; margin: 1 0; }
    PairwiseQuiz .quiz-buttons Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS = [
        Binding("enter", "next", "Next", id="pairwise.next"),
        Binding("backspace,b", "back", "Back", id="pairwise.back"),
        Binding("v", "revisit", "Revisit weakest", id="pairwise.revisit"),
        Binding("a", "accept", "Accept", id="pairwise.accept"),
        Binding("escape", "cancel", "Cancel", id="pairwise.cancel"),
    ]
    HELP = """\
## Pairwise quiz

For each pair of criteria, say which matters more and how much, on Saaty's scale
from 1 (equally important) to 9 (extremely more important). Use ←/→ or click a number,
then press Enter for the next pair.

At the end you see the weights your answers imply and their **consistency ratio**.
Above 0.10 your answers contradict each other somewhat; the quiz names the judgment
that fits the others least so you can revisit it.
"""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.criteria = list(profile.criteria)
        self.pairs = list(combinations(range(len(self.criteria)), 2))
        self.positions: dict[tuple[int, int], int] = {pair: 0 for pair in self.pairs}
        index = {c.key: i for i, c in enumerate(self.criteria)}
        for judgment in profile.judgments:
            i, j = index.get(judgment.more), index.get(judgment.less)
            if i is None or j is None or i == j:
                continue
            lean = judgment.strength - 1
            self.positions[(min(i, j), max(i, j))] = -lean if i < j else lean
        self.step = 0
        self.finished = False
        self.result: weights.AHPResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="quiz-title")
            with Vertical(id="quiz-ask"):
                yield Static("Which matters more, and how much?", id="quiz-question")
                with Horizontal(id="quiz-pair"):
                    yield Static(id="quiz-left")
                    yield Static("vs", id="quiz-vs")
                    yield Static(id="quiz-right")
                yield SaatyScale()
                yield Static(id="quiz-meaning")
                with Horizontal(classes="quiz-buttons"):
                    yield Button("Cancel", id="quiz-cancel")
                    yield Button("◀ Back", id="quiz-back")
                    yield Button("Next ▶", id="quiz-next", variant="primary")
            with Vertical(id="quiz-result"):
                yield Static(id="quiz-weights")
                yield Static(id="quiz-consistency")
                with Horizontal(classes="quiz-buttons"):
                    yield Button("Cancel", id="quiz-cancel-result")
                    yield Button("Revisit it", id="quiz-revisit", variant="warning")
                    yield Button("◀ Answers", id="quiz-answers")
                    yield Button("Accept", id="quiz-accept", variant="primary")

    def on_mount(self) -> None:
        self._show_step()

    # --- the judgments ----------------------------------------------------------------

    def judgments(self) -> list[Judgment]:
        """The answers so far as judgments (equal pairs kept with strength 1)."""
        result = []
        for (i, j), position in self.positions.items():
            more, less = (self.criteria[i], self.criteria[j]) if position <= 0 else (self.criteria[j], self.criteria[i])
            result.append(Judgment(more=more.key, less=less.key, strength=strength_of(position)))
        return result

    def _weighed(self) -> Profile:
        return self.profile.model_copy(update={"method": WeightingMethod.PAIRWISE, "judgments": self.judgments()})

    # --- views ------------------------------------------------------------------------

    def _show_step(self) -> None:
        self.finished = False
        self.query_one("#quiz-ask").display = True
        self.query_one("#quiz-result").display = False
        i, j = self.pairs[self.step]
        self.query_one("#quiz-title", Label).update(f"Pairwise quiz — pair {self.step + 1} of {len(self.pairs)}")
        self.query_one("#quiz-left", Static).update(Content(self.criteria[i].label))
        self.query_one("#quiz-right", Static).update(Content(self.criteria[j].label))
        scale = self.query_one(SaatyScale)
        scale.position = self.positions[(i, j)]
        self._describe(scale.position)
        self.query_one("#quiz-back", Button).disabled = self.step == 0
        self.query_one("#quiz-next", Button).label = "Next ▶" if self.step < len(self.pairs) - 1 else "See weights ▶"
        scale.focus()
        self.refresh_bindings()

    def _describe(self, position: int) -> None:
        i, j = self.pairs[self.step]
        left, right = self.criteria[i].label, self.criteria[j].label
        strength = strength_of(position)
        if position == 0:
            text = Content.assemble(f"{left} and {right} are ", ("equally important", "bold"), " (1).")
        else:
            more, less = (left, right) if position < 0 else (right, left)
            text = Content.assemble(
                (more, "bold"), f" is {STRENGTH_WORDS[strength]} than {less} (", (str(strength), "bold"), ")."
            )
        self.query_one("#quiz-meaning", Static).update(text)
        self.query_one("#quiz-left").set_class(position < 0, "-leading")
        self.query_one("#quiz-right").set_class(position > 0, "-leading")

    def _show_result(self) -> None:
        self.finished = True
        self.query_one("#quiz-ask").display = False
        self.query_one("#quiz-result").display = True
        profile = self._weighed()
        self.result = result = weights.consistency(profile)
        assert result is not None
        self.query_one("#quiz-title", Label).update("Pairwise quiz — your weights")
        width = min(28, max(len(c.label) for c in self.criteria))
        largest = max(result.weights)
        lines = [
            Content.assemble(
                Content(c.label).truncate(width, ellipsis=True, pad=True),
                f" {report.percent(w):>4} ",
                Content.from_rich_text(percent_bar(w / largest, 24)),
            )
            for c, w in zip(self.criteria, result.weights, strict=True)
        ]
        self.query_one("#quiz-weights", Static).update(Content("\n").join(lines))
        consistency = self.query_one("#quiz-consistency", Static)
        ratio = f"Consistency ratio {result.consistency_ratio:.2f}"
        if result.consistent:
            consistency.update(Content(f"{ratio}: consistent enough ({weights.CONSISTENCY_LIMIT:.2f} or less)."))
        else:
            consistency.update(Content(f"{ratio}: above {weights.CONSISTENCY_LIMIT:.2f}. {self.weakest_text()}"))
        consistency.set_class(not result.consistent, "-inconsistent")
        self.query_one("#quiz-revisit", Button).display = not result.consistent
        self.query_one("#quiz-accept", Button).focus()
        self.refresh_bindings()

    def weakest_pair(self) -> tuple[int, int] | None:
        """The (i, j) pair, i < j, whose judgment fits the others least; None if consistent."""
        if self.result is None or self.result.most_inconsistent is None:
            return None
        i, j = self.result.most_inconsistent
        return (min(i, j), max(i, j))

    def weakest_text(self) -> str:
        """The weakest judgment in words, from `weights.consistency_advice`."""
        advice = weights.consistency_advice(self._weighed())
        if advice is None:
            return ""
        return advice.split(". ", 1)[1] if ". " in advice else advice

    # --- actions ----------------------------------------------------------------------

    @on(SaatyScale.Changed)
    def _moved(self, event: SaatyScale.Changed) -> None:
        if self.finished:
            return
        self.positions[self.pairs[self.step]] = max(-SPAN, min(SPAN, event.position))
        self._describe(event.position)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"accept"}:
            return self.finished
        if action == "revisit":
            return self.finished and self.weakest_pair() is not None
        if action == "next":
            return not self.finished
        return True

    def action_next(self) -> None:
        if self.finished:
            return
        if self.step < len(self.pairs) - 1:
            self.step += 1
            self._show_step()
        else:
            self._show_result()

    def action_back(self) -> None:
        if self.finished:
            self._show_step()
        elif self.step > 0:
            self.step -= 1
            self._show_step()

    def action_revisit(self) -> None:
        pair = self.weakest_pair()
        if pair is not None:
            self.step = self.pairs.index(pair)
            self._show_step()

    def action_accept(self) -> None:
        if self.finished:
            self.dismiss(self.judgments())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "quiz-cancel": self.action_cancel,
            "quiz-cancel-result": self.action_cancel,
            "quiz-back": self.action_back,
            "quiz-next": self.action_next,
            "quiz-revisit": self.action_revisit,
            "quiz-answers": self.action_back,
            "quiz-accept": self.action_accept,
        }
        event.stop()
        actions[event.button.id or ""]()


def quiz_allowed(count: int) -> bool:
    """Whether a profile with this many criteria can be weighed pairwise."""
    return 2 <= count <= MAX_PAIRWISE
