"""Letter templates render in a sandbox, from plain values only.

An administrator writes templates, so a template must not reach anything the letter context does
not hold: jinja2's sandbox refuses unsafe attributes at render, and `template_refusals` refuses,
when a template is saved, any name outside the context and any part of a value other than the
documented parts of a list's items. Rendering is strict: a name not in the context is an error,
and so is printing a value not recorded for this feedback, never a blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from casework.letters.names import CONTEXT, ITEMS

__all__ = ["NotRecorded", "TemplateError", "render", "template_refusals"]


class NotRecorded(StrictUndefined):
    """A name of the context with no value for this feedback: false when tested, an error when printed."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False


def _environment() -> SandboxedEnvironment:
    # Plain text, escaped where a page shows it: keep "O'Brien" as written.
    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    environment.globals.clear()  # no range(), namespace() and the like: only the context
    del environment.filters["attr"]  # a part is reached by its documented name, never by a computed one
    return environment


ENVIRONMENT = _environment()


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    return ENVIRONMENT.from_string(source)


def render(source: str, context: Mapping[str, Any]) -> str:
    """The text of a template over a letter context. Raises TemplateError when it cannot be written."""
    return _compiled(source).render(context)


@lru_cache(maxsize=256)
def names_used(source: str) -> frozenset[str]:
    """The context names a template reads, so that only those are looked up."""
    return frozenset(meta.find_undeclared_variables(ENVIRONMENT.parse(source)))


def template_refusals(source: str) -> list[str]:
    """What in a template reaches outside the letter context, in an administrator's words."""
    try:
        tree = ENVIRONMENT.parse(source)
        _compiled(source)  # an unknown filter is found only when compiling
    except TemplateSyntaxError as error:
        return [f"Line {error.lineno}: {error.message}"]
    unknown = meta.find_undeclared_variables(tree) - CONTEXT.keys()
    problems = [f"'{name}' is not in the letter context" for name in sorted(unknown)]
    items = {
        loop.target.name: ITEMS[loop.iter.name]
        for loop in tree.find_all(nodes.For)
        if isinstance(loop.iter, nodes.Name) and loop.iter.name in ITEMS and isinstance(loop.target, nodes.Name)
    }
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        base = node.node
        part = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(base, nodes.Name) and base.name in unknown:
            continue  # already named above
        if isinstance(base, nodes.Name) and base.name in items and part in items[base.name]:
            continue
        where = f"{base.name}.{part}" if isinstance(base, nodes.Name) else f"a part '{part}' of a value"
        problems.append(f"'{where}' is not in the letter context")
    return list(dict.fromkeys(problems))
