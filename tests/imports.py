"""Case import files for the tests: a header and rows, as the bytes a user would upload."""

import csv
import io

HEADER = [
    "reference", "service_user", "service_user_email", "service_user_postcode", "organisation", "team",
    "case_owner", "manager", "stage", "risk", "decision_date", "closed", "closure_reason", "mp_involved",
]  # fmt: skip


def row(reference: str = "CMS-0001", **cells) -> dict[str, str]:
    values = {
        "reference": reference,
        "service_user": "Alice Brown",
        "service_user_email": "alice@example.org",
        "service_user_postcode": "SW1A 2AA",
        "organisation": "Northgate NHS Trust",
        "team": "Team A",
        "case_owner": "cara",
        "manager": "manny",
        "stage": "primary",
        "risk": "low",
        "decision_date": "2026-11-02",
        "closed": "yes",
        "closure_reason": "not_upheld",
        "mp_involved": "no",
    }
    values.update(cells)
    return values


def csv_bytes(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or HEADER, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
