"""Reading files written by older versions of evaluator.

Each file carries `schema`. A file of an older schema is brought up to date in memory, one
step at a time, before it is validated; the file itself is only rewritten when the user saves,
and the store keeps a copy of the original first. A newer schema is never read.

Schema history:

1. The first format.
2. The self-review item `said_i` is called `spoke_for_myself`: a name that says what it means
   to someone editing the file by hand. Nothing else changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from evaluator.model import SCHEMA_VERSION

Table = dict[str, Any]


def _self_review_names(data: Table) -> Table:
    """Schema 1 -> 2: rename the self-review item `said_i` in every interview."""
    for interview in data.get("interviews", []) if isinstance(data.get("interviews"), list) else []:
        review = interview.get("self_review") if isinstance(interview, dict) else None
        if isinstance(review, dict) and "said_i" in review:
            review["spoke_for_myself"] = review.pop("said_i")
    if isinstance(data.get("interview"), dict):  # a draft holds one interview
        _self_review_names({"interviews": [data["interview"]]})
    return data


STEPS: dict[int, Callable[[Table], Table]] = {1: _self_review_names}
"""The step that turns a table of schema n into one of schema n + 1. The same steps serve every
kind of file: a step leaves alone what it does not concern (profiles and settings did not
change from 1 to 2)."""

assert sorted(STEPS) == list(range(1, SCHEMA_VERSION)), "every older schema needs a step"


def migrate(data: Table) -> Table:
    """The file's table brought to the current schema (`data` itself is changed and returned).

    The caller has checked that `data["schema"]` is a whole number from 1 to SCHEMA_VERSION.
    """
    for version in range(data["schema"], SCHEMA_VERSION):
        data = STEPS[version](data)
        data["schema"] = version + 1
    return data
