"""What every benchmark records about its run, and the settings they share.

A figure means little without the machine it was taken on and how busy that was: each result file
starts with `header(load_before)`. The benchmarks run the app with production settings and upload
nothing, so `without_uploads()` lets them start where no ClamAV daemon is named. The actions they
drive along a complaint about our service are `SERVICE_PATH`.
"""

from __future__ import annotations

import os
import platform
from datetime import datetime


def header(load_before: tuple[float, ...], load_after: tuple[float, ...] | None = None) -> dict:
    """When, on which Python and machine, and the load average before and after the run."""
    after = os.getloadavg() if load_after is None else load_after
    return {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": [round(n, 2) for n in load_before],
            "load_average_after": [round(n, 2) for n in after],
        },
    }


def without_uploads() -> None:
    """Production settings refuse to start without CLAMD_SOCKET. A benchmark uploads nothing, so
    unless a daemon is named it runs without the scan, as bench/import_cases.py always has."""
    if not os.environ.get("CLAMD_SOCKET"):
        os.environ["VIRUS_SCAN_REQUIRED"] = "false"


# A complaint about our service from a first attempt to resolve it to closing it upheld: the
# actions of the load's people and of the request costs, each with what it records.
SERVICE_PATH = [
    ("record_resolution_attempt", {"attempt": "Called the service user"}),
    (
        "record_finding",
        {
            "what_happened": "Nine months without contact",
            "what_should_have_happened": "Updates every month",
            "difference": "Distress and uncertainty",
            "upheld": True,
        },
    ),
    ("record_risk_assessment", {"risk": "low", "assessment": "No risk from an apology"}),
    ("offer_remedy", {"remedy_type": "apology", "details": "A written apology"}),
    ("close_upheld", {}),
]
