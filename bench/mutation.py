"""Mutation testing of the rules, reported by paragraph of the guidance.

    bench/mutation.py                  # mutate, run the fast tests against each mutant, write the result
    bench/mutation.py 'policy.review.*'  # check these mutants again (names or patterns), then write the result
    bench/mutation.py --report         # only re-read the last run in mutants/ and write the result

mutmut (pinned in the `mutation` extra) copies `policy/` to `mutants/`, makes many one-line
changes to each rule, and runs the tests that reach the rule against each change: the policy
tests and the service tests (without the slow random walk, PDFs, generator and insight). A change
no test notices "survives". Each mutant belongs to the paragraphs its rule cites (`@rule(...)`),
or, for a helper that is not a registered rule, to the paragraphs its `Reason`s cite.

The result goes to bench/results/mutation.json, which `redress policy-coverage` reads to mark a
paragraph "proven" when the last run killed every mutant of it. Settings: [tool.mutmut] in
pyproject.toml (which modules: those holding ENFORCE rules).
"""

from __future__ import annotations

import ast
import json
import os
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "mutation.json"


def mutmut_for_rules() -> None:
    """Two adjustments to what mutmut changes, made before it runs:

    - it leaves decorated functions alone (a decorator may act when copied); `@rule(...)` only
      records the paragraphs, so rules are mutated like any other function;
    - the words of a refusal (`Reason`'s text) are not mutated: they are the user's words, which
      the page tests check; the rule is the decision, the paragraph and the field, all mutated.
    """
    import libcst as cst
    from mutmut.mutation import file_mutation

    skip = file_mutation.MutationVisitor._skip_node_and_children
    create = file_mutation.MutationVisitor._create_mutations

    def only_rule_decorators(node: cst.FunctionDef) -> bool:
        return all(
            isinstance(d.decorator, cst.Call) and isinstance(d.decorator.func, cst.Name) and d.decorator.func.value == "rule"
            for d in node.decorators
        )

    def is_reason(node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "Reason"

    def skip_rule_decorators(self, node):
        if isinstance(node, cst.FunctionDef) and node.decorators and only_rule_decorators(node):
            return skip(self, node.with_changes(decorators=[]))
        return skip(self, node)

    def keep_the_words(self, node):
        before = len(self.mutations)
        create(self, node)
        if is_reason(node) and len(node.args) > 1:
            words = node.args[1]
            self.mutations[before:] = [
                mutation
                for mutation in self.mutations[before:]
                if len(mutation.mutated_node.args) > 1 and mutation.mutated_node.args[1].deep_equals(words)
            ]

    def skip_the_words(self, node):
        if is_reason(node):
            for arg in node.args[1:2]:
                self._mutmut_words = {*getattr(self, "_mutmut_words", set()), id(arg)}
        if isinstance(node, cst.Arg) and id(node) in getattr(self, "_mutmut_words", ()):
            return True
        return skip_rule_decorators(self, node)

    file_mutation.MutationVisitor._skip_node_and_children = skip_the_words
    file_mutation.MutationVisitor._create_mutations = keep_the_words


def run_mutmut(names: list[str]) -> float:
    started = time.monotonic()
    mutmut_for_rules()
    from mutmut.__main__ import cli

    try:
        cli(["run", "--max-children", os.environ.get("MUTATION_CHILDREN", "2"), *names], standalone_mode=False)
    except SystemExit:
        pass
    return time.monotonic() - started


def paragraphs_by_function(path: Path) -> dict[str, tuple[str, ...]]:
    """Each function's paragraphs: its `@rule(...)` ones, else those its `Reason(...)`s cite."""
    found: dict[str, tuple[str, ...]] = {}
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.FunctionDef):
            continue
        cited: list[str] = []
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "rule":
                cited += [arg.value for arg in decorator.args if isinstance(arg, ast.Constant)]
        if not cited:
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Reason" and call.args:
                    first = call.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        cited.append(first.value)
        found[node.name] = tuple(dict.fromkeys(cited))
    return found


def report(seconds: float | None) -> dict:
    from mutmut.stats import status_by_exit_code

    mutants = []
    for meta in sorted((ROOT / "mutants" / "policy").rglob("*.py.meta")):
        source = ROOT / meta.relative_to(ROOT / "mutants").with_suffix("")
        cites = paragraphs_by_function(source)
        for name, exit_code in json.loads(meta.read_text())["exit_code_by_key"].items():
            # mutmut names a function's mutants `module.x_function__mutmut_N`, a method's `module.xǁClassǁmethod__mutmut_N`
            function = name.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0].removeprefix("x_").split("ǁ")[-1]
            mutants.append(
                {
                    "mutant": name,
                    "module": str(source.relative_to(ROOT)),
                    "function": function,
                    "paragraphs": list(cites.get(function, ())),
                    "status": status_by_exit_code[exit_code],
                }
            )
    by_paragraph: dict[str, dict[str, list[str] | int]] = defaultdict(lambda: {"mutants": 0, "killed": 0, "survivors": []})
    for mutant in mutants:
        for paragraph in mutant["paragraphs"] or ["(none cited)"]:
            row = by_paragraph[paragraph]
            row["mutants"] += 1
            if mutant["status"] in ("killed", "timeout"):
                row["killed"] += 1
            else:
                row["survivors"].append(f"{mutant['mutant']} ({mutant['status']})")
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    return {
        "command": "bench/mutation.py",
        "tool": "mutmut " + _version("mutmut"),
        "modules": settings["only_mutate"],
        "tests": settings["pytest_add_cli_args_test_selection"],
        "seconds": round(seconds) if seconds is not None else None,
        "mutants": len(mutants),
        "killed": sum(m["status"] in ("killed", "timeout") for m in mutants),
        "by_paragraph": dict(sorted(by_paragraph.items(), key=lambda item: _order(item[0]))),
        "equivalent": _equivalents(),
    }


def _equivalents() -> dict[str, str]:
    """Survivors shown to be equivalent to the original (no input tells them apart), with why."""
    path = ROOT / "bench" / "mutation_equivalent.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _order(paragraph: str) -> tuple[int, str]:
    return (int(paragraph), "") if paragraph.isdigit() else (1000, paragraph)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def main() -> None:
    os.chdir(ROOT)
    names = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    seconds = None if "--report" in sys.argv else run_mutmut(names)
    result = report(seconds if seconds is not None and not names else _last_seconds())
    RESULT.write_text(json.dumps(result, indent=1) + "\n")
    for paragraph, row in result["by_paragraph"].items():
        print(f"para {paragraph:<8} {row['killed']:>4} of {row['mutants']:>4} killed  {len(row['survivors'])} survive")
    print(f"{result['killed']} of {result['mutants']} mutants killed in {result['seconds']} s; written to {RESULT}")


def _last_seconds() -> int | None:
    return json.loads(RESULT.read_text()).get("seconds") if RESULT.exists() else None


if __name__ == "__main__":
    main()
