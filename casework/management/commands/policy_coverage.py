"""`redress policy-coverage`: each paragraph, the code that implements it, the tests that prove it."""

from django.core.management.base import BaseCommand, CommandError

from redress.coverage import coverage


class Command(BaseCommand):
    help = "Print the policy coverage table; fail when an ENFORCE paragraph the code implements has no test"

    def add_arguments(self, parser):
        parser.add_argument("--verbose-tests", action="store_true", help="List every test, not only the count")

    def handle(self, *args, verbose_tests: bool, **options):
        rows = coverage()
        self.stdout.write(f"{'para':<8}{'kind':<9}{'status':<18}{'tests':>6}  code")
        for row in rows:
            status = (
                "GAP: no test"
                if row.gap
                else ("covered" if row.tests else ("implemented" if row.in_scope else "not yet in scope"))
            )
            kind = "ENFORCE" if row.enforce else ""
            code = "; ".join(row.code[:3]) + (f"; +{len(row.code) - 3} more" if len(row.code) > 3 else "")
            self.stdout.write(f"{row.paragraph:<8}{kind:<9}{status:<18}{len(row.tests):>6}  {code}")
            if verbose_tests:
                for test in row.tests:
                    self.stdout.write(f"{'':<8}  test {test}")
        in_scope = [row for row in rows if row.enforce and row.in_scope]
        gaps = [row.paragraph for row in rows if row.gap]
        self.stdout.write(f"\n{len(in_scope) - len(gaps)} of {len(in_scope)} ENFORCE paragraphs in scope have tests.")
        if gaps:
            raise CommandError(f"ENFORCE paragraphs implemented without a test naming them: {', '.join(gaps)}")
