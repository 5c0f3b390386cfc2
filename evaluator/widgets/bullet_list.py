"""Lines of text with hanging indents: wrapped lines line up under the text, not the bullet.

::

    • Pulseband stays ahead of Lumen & Bell PR unless Learning and mentorship
      rises above 16% (now 9%).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class Item(NamedTuple):
    """One entry: its text, the marker before it ("• " or ""), and how far it is indented."""

    text: Content | str
    marker: str = "• "
    indent: int = 0


class BulletList(Widget):
    """A list of items, each wrapped to the widget's width with a hanging indent."""

    DEFAULT_CSS = """
    BulletList {
        height: auto;
    }
    """

    def __init__(self, items: Sequence[Item] = (), *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[Item] = list(items)

    def show(self, items: Sequence[Item]) -> None:
        """Replace the items."""
        self.items = list(items)
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        """The items as plain text, unwrapped (one item a line)."""
        return "\n".join(f"{' ' * i.indent}{i.marker}{i.text!s}" for i in self.items)

    def _lines(self, width: int) -> list[Content]:
        lines: list[Content] = []
        for item in self.items:
            text = item.text if isinstance(item.text, Content) else Content(item.text)
            hang = item.indent + len(item.marker)
            wrapped = text.wrap(max(width - hang, 8)) or [Content("")]
            lines.append(Content.assemble(" " * item.indent, item.marker, wrapped[0]))
            lines += [Content.assemble(" " * hang, line) for line in wrapped[1:]]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))
