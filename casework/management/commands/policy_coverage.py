"""`redress policy-coverage`: each paragraph, the code that implements it, the tests that prove it."""

from django.core.management.base import BaseCommand, CommandError

from redress import coverage as policy_coverage
from redress.coverage import ParagraphCoverage


def status(row: ParagraphCoverage) -> str:
    if row.gap:
        return "GAP: no test"
    if row.uncited:
        return "NO CITING CODE"
    if row.enforce and row.tests:
        if row.proven:
            return "proven"
        if row.mutation is None:
            return "tested, not mutated"
        return f"tested, {len(row.mutation.survivors)} survive"
    return "covered" if row.tests else ("implemented" if row.in_scope else "not yet in scope")


def mutants(row: ParagraphCoverage) -> str:
    return f"{row.mutation.killed}/{row.mutation.mutants}" if row.mutation else ""


class Command(BaseCommand):
    help = (
        "Print the policy coverage table, with the last mutation run (bench/mutation.py); "
        "fail when an ENFORCE paragraph the code implements has no test"
    )

    def add_arguments(self, parser):
        parser.add_argument("--verbose-tests", action="store_true", help="List every test and surviving mutant")

    def handle(self, *args, verbose_tests: bool, **options):
        rows = policy_coverage.coverage()
        self.stdout.write(f"{'para':<8}{'kind':<9}{'status':<22}{'tests':>6}{'killed':>9}  code")
        for row in rows:
            kind = "ENFORCE" if row.enforce else ""
            code = "; ".join(row.code[:3]) + (f"; +{len(row.code) - 3} more" if len(row.code) > 3 else "")
            self.stdout.write(f"{row.paragraph:<8}{kind:<9}{status(row):<22}{len(row.tests):>6}{mutants(row):>9}  {code}")
            if verbose_tests:
                for test in row.tests:
                    self.stdout.write(f"{'':<8}  test {test}")
                for survivor in row.mutation.survivors if row.mutation else ():
                    self.stdout.write(f"{'':<8}  survives {survivor}")
        enforce = [row for row in rows if row.enforce]
        in_scope = [row for row in enforce if row.in_scope]
        gaps = [row.paragraph for row in rows if row.gap]
        uncited = [row.paragraph for row in enforce if row.uncited]
        unproven = [row.paragraph for row in in_scope if row.tests and not row.proven]
        self.stdout.write(f"\n{len(enforce)} ENFORCE paragraphs in RULES.md; {len(in_scope)} cited by a rule or an action.")
        if uncited:
            self.stdout.write(f"No rule or action cites ENFORCE paragraphs {', '.join(uncited)}.")
        result = policy_coverage.MUTATION_RESULT
        run = (
            f"the last mutation run ({result.relative_to(result.parents[2])})" if result.exists() else "a mutation run (none yet)"
        )
        proven = sum(row.proven for row in in_scope)
        self.stdout.write(
            f"Proven by {run}: {proven} of {len(in_scope)}"
            + (f"; not proven: {', '.join(unproven)}" if unproven else "")
            + ". Rerun it with bench/mutation.py."
        )
        self.stdout.write(f"{len(in_scope) - len(gaps)} of {len(in_scope)} ENFORCE paragraphs in scope have tests.")
        if gaps:
            raise CommandError(f"ENFORCE paragraphs implemented without a test naming them: {', '.join(gaps)}")
