"""Policy coverage: each paragraph of the guidance, the code that implements it, the tests that prove it.

Paragraphs come from the guidance text; which are ENFORCE comes from RULES.md; the code's claims
come from the registered rules and the workflow declarations; the tests are those that carry a
`policy("NN")` marker. A paragraph is in scope once the code cites it; an ENFORCE paragraph in
scope with no test is a gap. An ENFORCE paragraph is proven when the last mutation run
(bench/mutation.py, its result committed in bench/results/mutation.json) changed its rules and
the tests caught every change, apart from survivors listed there as equivalent, with why.
"""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from policy.decisions import RULES
from policy.workflows.registry import WORKFLOWS

ROOT = Path(__file__).resolve().parent.parent
GUIDANCE = ROOT / "docs" / "guidance" / "review-and-feedback-guidance-12.0.txt"
RULES_MD = ROOT / "docs" / "guidance" / "RULES.md"
MUTATION_RESULT = ROOT / "bench" / "results" / "mutation.json"
ANNEX_A = "Annex A"


@dataclass(frozen=True)
class Mutation:
    """What the last mutation run found for one paragraph's rules."""

    mutants: int
    killed: int
    survivors: tuple[str, ...]  # apart from those shown to be equivalent
    equivalent: int = 0

    @property
    def all_killed(self) -> bool:
        return self.mutants > 0 and not self.survivors


@dataclass
class ParagraphCoverage:
    paragraph: str
    enforce: bool
    code: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    mutation: Mutation | None = None

    @property
    def in_scope(self) -> bool:
        return bool(self.code)

    @property
    def gap(self) -> bool:
        return self.enforce and self.in_scope and not self.tests

    @property
    def uncited(self) -> bool:
        """An ENFORCE paragraph no rule or action cites."""
        return self.enforce and not self.in_scope

    @property
    def proven(self) -> bool:
        return bool(self.tests) and self.mutation is not None and self.mutation.all_killed


def guidance_paragraphs(text: str) -> list[str]:
    numbers = sorted({int(match) for match in re.findall(r"^(\d{1,2})\. ", text, flags=re.MULTILINE)})
    return [str(number) for number in numbers] + ([ANNEX_A] if "Annex A" in text else [])


def enforced_paragraphs(rules_md: str) -> set[str]:
    enforced: set[str] = set()
    for line in rules_md.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and "ENFORCE" in cells[3]:
            enforced.update(part.strip() for part in cells[0].split(","))
    return enforced


def code_citations() -> dict[str, list[str]]:
    cited: dict[str, list[str]] = defaultdict(list)
    for rule in RULES.values():
        for paragraph in rule.paragraphs:
            cited[paragraph].append(f"rule {rule.name}")
    for workflow in WORKFLOWS.values():
        cited[workflow.on_log_by].append(f"routing {workflow.kind} ({workflow.on_log})")
        for action in workflow.actions:
            for paragraph in action.paragraphs:
                cited[paragraph].append(f"action {workflow.kind}.{action.name}")
    return cited


def test_citations(tests_dir: Path) -> dict[str, list[str]]:
    """Tests that carry a `policy(...)` marker, found by reading the test files (no import, no run)."""
    cited: dict[str, list[str]] = defaultdict(list)
    for path in sorted(tests_dir.rglob("test_*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        module_marks = _module_marks(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                name = f"{path.relative_to(tests_dir.parent)}::{node.name}"
                for paragraph in module_marks | _marks(node.decorator_list):
                    cited[paragraph].append(name)
            elif isinstance(node, ast.ClassDef):
                class_marks = _marks(node.decorator_list)
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name.startswith("test"):
                        name = f"{path.relative_to(tests_dir.parent)}::{node.name}::{item.name}"
                        for paragraph in class_marks - _marks(item.decorator_list):
                            cited[paragraph].append(name)
    return cited


def _marks(decorators: list[ast.expr]) -> set[str]:
    paragraphs: set[str] = set()
    for decorator in decorators:
        if isinstance(decorator, ast.Call) and _is_policy_mark(decorator.func):
            paragraphs.update(arg.value for arg in decorator.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return paragraphs


def _module_marks(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            return _marks([value for value in values if isinstance(value, ast.expr)])
    return set()


def _is_policy_mark(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "policy") or (isinstance(func, ast.Name) and func.id == "policy")


def mutation_results(path: Path | None = None) -> dict[str, Mutation]:
    """The last mutation run by paragraph; empty when it has never been run."""
    path = path or MUTATION_RESULT
    if not path.exists():
        return {}
    result = json.loads(path.read_text())
    equivalent = set(result.get("equivalent", {}))
    found = {}
    for paragraph, row in result["by_paragraph"].items():
        survivors = tuple(name for name in row["survivors"] if name.split(" ")[0] not in equivalent)
        found[paragraph] = Mutation(row["mutants"], row["killed"], survivors, len(row["survivors"]) - len(survivors))
    return found


def coverage(tests_dir: Path = ROOT / "tests", mutation_result: Path | None = None) -> list[ParagraphCoverage]:
    enforced = enforced_paragraphs(RULES_MD.read_text())
    code = code_citations()
    tests = test_citations(tests_dir)
    mutated = mutation_results(mutation_result)
    paragraphs = guidance_paragraphs(GUIDANCE.read_text())
    paragraphs += sorted(enforced - set(paragraphs))  # an ENFORCE row the guidance text does not number still shows
    return [
        ParagraphCoverage(
            paragraph,
            paragraph in enforced,
            sorted(set(code.get(paragraph, []))),
            sorted(set(tests.get(paragraph, []))),
            mutated.get(paragraph),
        )
        for paragraph in paragraphs
    ]
