"""How many worker processes ``--jobs 0`` means: shared by ``kg build`` and ``kg merge``."""

from __future__ import annotations

import os


def default_jobs() -> int:
    """One job per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
