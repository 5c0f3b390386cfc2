"""A profile's earlier weights as a small table: one row per criterion, one column per date."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import DataTable

from evaluator.model import Profile
from evaluator.report import percent


class WeightHistory(DataTable[Text]):
    """Current weights first, then each earlier snapshot, newest first."""

    DEFAULT_CSS = """
    WeightHistory {
        height: auto;
        max-height: 12;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", show_cursor=False, zebra_stripes=True)

    def show(self, profile: Profile, current: Mapping[str, float] | None) -> None:
        """Fill the table; `current` is the profile's weights now (from `scoring.weights`)."""
        self.clear(columns=True)
        snapshots = list(reversed(profile.history))
        self.add_column("Criterion", key="criterion")
        self.add_column("now", key="now")
        for n, snapshot in enumerate(snapshots):
            self.add_column(f"{snapshot.date:%Y-%m-%d}", key=f"s{n}")
        labels = {c.key: c.label for c in profile.criteria}
        for snapshot in snapshots:
            for key in snapshot.weights:
                labels.setdefault(key, key)
        for key, label in labels.items():
            row = [Text(label, style="" if key in (current or {}) else "dim")]
            row.append(Text(percent(current[key]) if current and key in current else "–", justify="right"))
            for snapshot in snapshots:
                share = snapshot.weights.get(key)
                row.append(Text("–" if share is None else percent(share), justify="right"))
            self.add_row(*row, key=key)
        methods = [Text("method", style="italic dim"), Text(profile.method.value, style="italic dim")]
        methods += [Text(s.method.value, style="italic dim") for s in snapshots]
        self.add_row(*methods, key="__method__")
