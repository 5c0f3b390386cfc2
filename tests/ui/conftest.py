"""Fixtures for Pilot and snapshot tests: example data in a temporary data folder, a fixed date."""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from evaluator.app import EvaluatorApp

TODAY = date(2026, 11, 22)
"""The date the app believes it is, so follow-ups and snapshots never drift."""


@pytest.fixture
def app(examples: None) -> EvaluatorApp:
    return EvaluatorApp(today=TODAY)


async def steady(pilot: Pilot) -> None:
    """Stop cursors blinking so screenshots come out the same every run."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def notes(app: EvaluatorApp) -> list[str]:
    """The notifications on screen now, newest last (Textual keeps them in `_notifications`)."""
    return [notification.message for notification in app._notifications]
