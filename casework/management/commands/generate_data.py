"""`redress generate-data`: add years of synthetic feedback for the demo and benchmarks (never on real casework)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.generator import generate
from casework.models import Approval, Case, FeedbackCase, FollowOnCase, LearningPoint, Letter, Remedy, Task

COUNTED = {
    "cases": Case,
    "feedback cases": FeedbackCase,
    "tasks": Task,
    "letters": Letter,
    "remedies": Remedy,
    "learning points": LearningPoint,
    "approvals": Approval,
    "new cases": FollowOnCase,
}


class Command(BaseCommand):
    help = (
        "Add synthetic feedback (cases, feedback, tasks, letters, remedies, learning, approvals) spread over the last few "
        "years: journeys walked through the real use cases, then copied in bulk. For the demo and benchmarks only, never "
        "a database of real casework"
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--per-year", type=int, default=900, help="Feedback cases a year (PHSO's volume is about 900)")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same data")
        parser.add_argument("--teams", type=int, default=6)
        parser.add_argument(
            "--journeys", type=int, default=None, help="Journeys walked for real before copying (default: grows with the volume)"
        )
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="The last day of the data (YYYY-MM-DD)")

    def handle(
        self, *args, years: int, per_year: int, seed: int, teams: int, journeys: int | None, today: date | None, **options
    ):
        if years < 1 or per_year < 1 or teams < 1 or (journeys is not None and journeys < 1):
            raise CommandError("--years, --per-year, --teams and --journeys must be at least 1")
        progress = (lambda message: self.stdout.write(f"  {message}")) if options["verbosity"] > 1 else None
        before = {name: model.objects.count() for name, model in COUNTED.items()}
        started = time.perf_counter()
        today = today or timezone.localdate()
        rows = generate(
            years=years, feedback_per_year=per_year, seed=seed, today=today, teams=teams, journeys=journeys, progress=progress
        )
        seconds = time.perf_counter() - started
        made = ", ".join(f"{model.objects.count() - before[name]:,} {name}" for name, model in COUNTED.items())
        self.stdout.write(f"Made {rows:,} rows in {seconds:.1f} s: {made} (and the staff they need)")
