"""`make bench`: every benchmark, printed as one table of figure, target, measurement, result.

    python bench/run.py                    # everything (a few minutes)
    python bench/run.py startup typing     # some of: startup loading typing compare engine

The figures of issue 7 (start-up against a bare Textual app, loading, typing in the profile
editor, opening Compare) and the scoring engine's own. The data come from a seeded generator
(`bench/data.py`), so every run times the same work; the modules say what each figure times.
Copy the printed table into docs/performance.md by hand. Never used by the tests. Exits with
1 when a target is missed.
"""

from __future__ import annotations

import asyncio
import os
import platform
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

SECTIONS = ("startup", "loading", "typing", "compare", "engine")

Row = tuple[str, str, str, bool | None]
"""(what, target, measured, met: None when there is no target)."""


def _startup() -> list[Row]:
    import startup
    from data import data_folder

    r = startup.measure(data_folder(200))
    return [
        (
            f"start-up to the first frame, ours / bare Textual app ({len(r.ours)} runs each)",
            "ratio ≤ 1.3",
            f"{r.ours_s * 1000:.0f} / {r.bare_s * 1000:.0f} ms = {r.ratio:.2f}",
            r.ratio <= 1.3,
        ),
        (
            "  for reference: ours until the ranked list is painted",
            "",
            f"{r.ours_listed_s * 1000:.0f} ms",
            None,
        ),
        (
            "peak memory above the bare app, once settled (first frame)",
            "≤ 40 MiB",
            f"+{r.extra_mib:.0f} MiB (+{r.extra_first_mib:.0f})",
            r.extra_mib <= 40,
        ),
    ]


def _loading() -> list[Row]:
    import loading

    rows: list[Row] = []
    results = [loading.measure(count, interviews) for count, interviews in loading.SIZES]
    for r in results:
        heavier = r.interviews != loading.INTERVIEWS  # beyond the data: shown for reference
        rows.append(
            (
                f"{'  for reference: ' if heavier else ''}load {r.count:,} opportunities × {r.interviews} interviews",
                "" if heavier else "≤ 0.30 s per 1,000",
                f"{r.seconds:.2f} s = {r.per_1000:.2f} s per 1,000",
                None if heavier else r.per_1000 <= 0.3,
            )
        )
    growth = results[1].per_1000 / results[0].per_1000
    rows.append(("loading grows linearly: per-1,000 time at 5,000 ÷ at 1,000", "≤ 1.2", f"{growth:.2f}", growth <= 1.2))
    return rows


def _typing() -> list[Row]:
    import ui
    from data import data_folder

    t = asyncio.run(ui.typing(data_folder(200)))
    count = len(t.stages["applied painted"])
    return [
        (
            f"profile editor, 200 opportunities: key → preview updated (median of {count})",
            "≤ 16 ms",
            f"{t.median('applied'):.1f} ms (fastest {t.fastest('applied'):.1f})",
            t.median("applied") <= 16,
        ),
        (
            "  for reference: key → that update painted on screen",
            "",
            f"{t.median('applied painted'):.1f} ms (fastest {t.fastest('applied painted'):.1f})",
            None,
        ),
    ]


def _compare() -> list[Row]:
    import ui
    from data import data_folder

    c = asyncio.run(ui.compare(data_folder(200)))
    count = len(c.stages["complete painted"])
    return [
        (
            f"Compare 10 × 15 criteria: key → complete with win probabilities (median of {count})",
            "≤ 150 ms",
            f"{c.median('complete painted'):.0f} ms (table painted {c.median('table painted'):.0f}, "
            f"fastest {c.fastest('complete painted'):.0f})",
            c.median("complete painted") <= 150,
        )
    ]


def _engine() -> list[Row]:
    import engine

    rows: list[Row] = []
    for what, (median, fastest), budget in engine.measure():
        measured = f"{median:.1f} ms (fastest {fastest:.1f})"
        if budget is None:
            rows.append((f"engine: {what}", "—", measured, None))
        else:
            rows.append((f"engine: {what}", f"≤ {budget:.0f} ms", measured, median <= budget))
    return rows


def _machine() -> str:
    import numpy
    import textual

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{date.today()}: Python {platform.python_version()}, Textual {textual.__version__}, "
        f"numpy {numpy.__version__}, {cpu}, {os.cpu_count()} cores{load}"
    )


def _table(rows: list[Row]) -> str:
    header = ("figure", "target", "measured", "result")
    cells = [header, *((what, target, measured, {True: "PASS", False: "FAIL", None: ""}[met]) for what, target,
                       measured, met in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str]) -> int:
    chosen = argv or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        print(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    # numpy's matrix products stay single-threaded, as on a user's busy machine; the children
    # inherit this. Bytecode caches are written (this sandbox may forbid it), as an install has them.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    run = {"startup": _startup, "loading": _loading, "typing": _typing, "compare": _compare, "engine": _engine}
    rows = [row for name in SECTIONS if name in chosen for row in run[name]()]
    print(_machine())
    print(_table(rows))
    return 1 if any(met is False for *_, met in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
