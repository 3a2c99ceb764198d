"""Mutation testing of the rules, reported by paragraph of the guidance.

    bench/mutation.py                  # mutate, run the fast tests against each mutant, write the result
    bench/mutation.py 'policy.review.*'  # check these mutants again (names or patterns), then write the result
    bench/mutation.py --services       # only run the survivors of the last run against the service tests
    bench/mutation.py --report         # only re-read the last run in mutants/ and write the result
    bench/mutation.py --declarations   # only mutate the workflow declarations again, and merge the result

mutmut (pinned in the `mutation` extra) copies `policy/` to `mutants/`, makes many one-line
changes to each rule, and runs the policy tests that reach the rule against each change. Each
mutant belongs to the paragraphs its rule cites (`@rule(...)`), or, for a helper that is not a
registered rule, to the paragraphs its `Reason`s cite. A mutant the policy tests miss is then run
against the service tests that name one of its paragraphs (`policy("NN")`), through the use cases
and the database. A change no test notices "survives".

A last step mutates the workflow declarations (bench/declaration_mutants.py), which mutmut does
not change: for each ENFORCE paragraph no code mutant reaches (kept by what an action declares, or
by a use case that reads it), each declared guard, required field, role, source, letter and target
of the actions citing it, and the workflow's `others_by`, is broken in turn and run against the
policy and service tests that name the paragraph.

The result goes to bench/results/mutation.json, which `redress policy-coverage` reads to mark a
paragraph "proven" when the last run killed every mutant of it. Settings: [tool.mutmut] in
pyproject.toml (which modules: those holding ENFORCE rules).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
import time
import tomllib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from functools import cache
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


def run_mutmut(names: list[str]) -> None:
    mutmut_for_rules()
    from mutmut.__main__ import cli

    try:
        cli(["run", "--max-children", os.environ.get("MUTATION_CHILDREN", "2"), *names], standalone_mode=False)
    except SystemExit:
        pass
    run_service_tests_on_survivors()


def mutant_paragraphs(name: str) -> tuple[str, ...]:
    module, mangled = name.rsplit(".", 1)
    source = ROOT / (module.replace(".", "/") + ".py")
    return paragraphs_by_function(source).get(function_of(mangled), ())


def function_of(mangled: str) -> str:
    """mutmut names a function's mutants `x_function__mutmut_N`, a method's `xǁClassǁmethod__mutmut_N`."""
    return mangled.rsplit("__mutmut_", 1)[0].removeprefix("x_").split("ǁ")[-1]


@cache
def _tests_and_enforced() -> tuple[dict[str, list[str]], set[str]]:
    sys.path.insert(0, str(ROOT))
    from redress.coverage import RULES_MD, enforced_paragraphs, test_citations

    return test_citations(ROOT / "tests"), enforced_paragraphs(RULES_MD.read_text())


def service_tests_naming(paragraphs: tuple[str, ...]) -> list[str]:
    cited, enforced = _tests_and_enforced()
    enforced = enforced & set(paragraphs)
    return sorted({test for paragraph in enforced for test in cited.get(paragraph, []) if test.startswith("tests/services/")})


def run_service_tests_on_survivors() -> dict[str, int]:
    """Each mutant of an ENFORCE paragraph the policy tests missed, against the service tests that name it."""
    from mutmut.stats import status_by_exit_code

    missed = [
        (name, tests)
        for meta in sorted((ROOT / "mutants" / "policy").rglob("*.py.meta"))
        for name, exit_code in json.loads(meta.read_text())["exit_code_by_key"].items()
        if status_by_exit_code[exit_code] in ("survived", "no tests") and (tests := service_tests_naming(mutant_paragraphs(name)))
    ]

    done_path = ROOT / "mutants" / "service-tests.json"
    found: dict[str, int] = json.loads(done_path.read_text()) if done_path.exists() else {}
    lock = threading.Lock()

    def run(name: str, tests: list[str]) -> None:
        environment = {**os.environ, "MUTANT_UNDER_TEST": name, "PYTHONPATH": str(ROOT / "mutants")}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
        code = subprocess.run(command, cwd=ROOT / "mutants", env=environment, capture_output=True).returncode  # noqa: S603
        print(f"{name}: {'killed' if code else 'survived'} by {len(tests)} service tests", flush=True)
        with lock:  # kept as it goes, so an interrupted run resumes where it stopped
            found[name] = code
            done_path.write_text(json.dumps(found, indent=1))

    with ThreadPoolExecutor(int(os.environ.get("MUTATION_CHILDREN", "2"))) as pool:
        list(pool.map(lambda job: run(*job), [job for job in missed if job[0] not in found]))
    return found


@cache
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


def run_declaration_mutants(result: dict) -> dict:
    """Break each declaration citing a paragraph no code mutant reaches, against the tests naming it;
    merge what was found into the result's paragraphs (replacing the last declaration run's)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from declaration_mutants import mutants

    cited, enforced = _tests_and_enforced()
    previous = result.pop("declarations", {})
    by_paragraph = result["by_paragraph"]
    for name, row in previous.items():  # take the last declaration run out before adding this one
        for paragraph in row["paragraphs"]:
            by_paragraph[paragraph]["mutants"] -= 1
            by_paragraph[paragraph]["killed"] -= row["status"] == "killed"
            by_paragraph[paragraph]["survivors"] = [s for s in by_paragraph[paragraph]["survivors"] if s.split(" ")[0] != name]
            if not by_paragraph[paragraph]["mutants"]:
                del by_paragraph[paragraph]
    unreached = enforced - set(by_paragraph)
    jobs = {}
    for name, paragraphs in mutants(unreached).items():
        tests = sorted({t for p in paragraphs for t in cited.get(p, []) if t.startswith(("tests/policy/", "tests/services/"))})
        jobs[name] = (paragraphs, tests)

    def run(name: str) -> tuple[str, str]:
        paragraphs, tests = jobs[name]
        environment = {**os.environ, "DECLARATION_MUTANT": name, "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{ROOT}"}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "declaration_mutants", *tests]
        code = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True).returncode if tests else 0  # noqa: S603
        status = "killed" if code else "survived"
        print(f"{name}: {status} by {len(tests)} tests", flush=True)
        return name, status

    with ThreadPoolExecutor(int(os.environ.get("MUTATION_CHILDREN", "2"))) as pool:
        found = dict(pool.map(run, sorted(jobs)))
    for name, status in found.items():
        for paragraph in jobs[name][0]:
            row = by_paragraph.setdefault(paragraph, {"mutants": 0, "killed": 0, "survivors": []})
            row["mutants"] += 1
            row["killed"] += status == "killed"
            if status != "killed":
                row["survivors"].append(f"{name} ({status})")
    result["by_paragraph"] = dict(sorted(by_paragraph.items(), key=lambda item: _order(item[0])))
    result["declarations"] = {name: {"paragraphs": jobs[name][0], "status": status} for name, status in sorted(found.items())}
    result["declaration_mutants"] = len(found)
    result["declarations_killed"] = sum(status == "killed" for status in found.values())
    return result


def report(seconds: float | None) -> dict:
    from mutmut.stats import status_by_exit_code

    services = ROOT / "mutants" / "service-tests.json"
    killed_by_services = {name for name, code in json.loads(services.read_text()).items() if code} if services.exists() else set()
    mutants = []
    for meta in sorted((ROOT / "mutants" / "policy").rglob("*.py.meta")):
        source = ROOT / meta.relative_to(ROOT / "mutants").with_suffix("")
        cites = paragraphs_by_function(source)
        for name, exit_code in json.loads(meta.read_text())["exit_code_by_key"].items():
            function = function_of(name.rsplit(".", 1)[1])
            status = "killed" if name in killed_by_services else status_by_exit_code[exit_code]
            mutants.append(
                {
                    "mutant": name,
                    "module": str(source.relative_to(ROOT)),
                    "function": function,
                    "paragraphs": list(cites.get(function, ())),
                    "status": status,
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
        "tests": settings["pytest_add_cli_args_test_selection"] + ["survivors: tests/services naming their paragraphs"],
        "killed_by_service_tests": len(killed_by_services),
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
    started = time.monotonic()
    if "--services" in sys.argv:  # only the second step, on the survivors of the last run
        run_service_tests_on_survivors()
    elif not {"--report", "--declarations"} & set(sys.argv):
        run_mutmut(names)
    seconds = round(time.monotonic() - started)
    # A whole run's time is kept; a partial one (some mutants, or one step) adds to the last whole run's.
    whole = not names and not {"--services", "--report", "--declarations"} & set(sys.argv)
    if "--declarations" in sys.argv:
        result = json.loads(RESULT.read_text())
    else:
        result = report(seconds if whole else (_last_seconds() or 0) + seconds)
    if "--report" not in sys.argv:
        started = time.monotonic()
        result = run_declaration_mutants(result)
        result["declaration_seconds"] = round(time.monotonic() - started)
    RESULT.write_text(json.dumps(result, indent=1) + "\n")
    for paragraph, row in result["by_paragraph"].items():
        print(f"para {paragraph:<8} {row['killed']:>4} of {row['mutants']:>4} killed  {len(row['survivors'])} survive")
    print(f"{result['killed']} of {result['mutants']} code mutants killed in {result['seconds']} s")
    if "declarations" in result:
        print(
            f"{result['declarations_killed']} of {result['declaration_mutants']} declaration mutants killed in {result['declaration_seconds']} s"
        )
    print(f"written to {RESULT}")


def _last_seconds() -> int | None:
    return json.loads(RESULT.read_text()).get("seconds") if RESULT.exists() else None


if __name__ == "__main__":
    main()
