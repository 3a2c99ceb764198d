"""The workflow diagram, drawn from the declaration: Mermaid text, and an SVG for the page.

States are laid out left to right in columns by how many steps they are from the start, ordered in
each column to keep arrows short; each arrow is an action, labelled with its name as people read
it. Actions that record something without moving the state are listed inside their state's box.
The SVG is drawn at its natural size, with text at a readable size: the page scrolls it sideways.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict, deque
from dataclasses import dataclass
from xml.sax.saxutils import escape

from policy.workflows import Action, Workflow

BOX_WIDTH, TITLE_HEIGHT, LINE = 230, 40, 18
COLUMN_GAP, ROW_GAP, MARGIN = 250, 36, 24
LABEL_CHARACTERS = 30  # an arrow's label wraps to fit between two columns
GENERAL = 3  # an action open from this many states or more is listed once under the diagram, not drawn
STATE_FONT, TEXT_FONT = 16, 13
INK, QUIET, BRAND, HIGHLIGHT = "#0b0c0c", "#505a5f", "#4c2c92", "#ffdd00"


def mermaid(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {workflow.initial}"]
    for action in workflow.actions:
        for source in sorted(action.sources):
            lines.append(f"    {source} --> {action.target or source}: {action.label} (para {', '.join(action.paragraphs)})")
    lines += [f"    {state.name} --> [*]" for state in workflow.states if state.terminal]
    return "\n".join(lines)


def general_actions(workflow: Workflow) -> list[Action]:
    """Actions taken from many states (writing to the service user, closing as resolved, ...): listed
    once beside the diagram rather than drawn from every box they leave."""
    return [action for action in workflow.actions if len(action.sources) >= GENERAL]


def _drawn(workflow: Workflow) -> list[Action]:
    return [action for action in workflow.actions if len(action.sources) < GENERAL]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    height: float

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _columns(workflow: Workflow) -> list[list[str]]:
    """States by their distance from the start, each column ordered by where its arrows come from."""
    depth = {workflow.initial: 0}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for action in workflow.actions_from(state):
            if action.target and action.target not in depth:
                depth[action.target] = depth[state] + 1
                queue.append(action.target)
    last = max(depth.values())
    columns: list[list[str]] = [[] for _ in range(last + 1)]
    for state in workflow.states:  # declaration order first
        columns[depth.get(state.name, last)].append(state.name)
    sources = defaultdict(set)
    for action in _drawn(workflow):
        if action.target:
            for source in action.sources:
                sources[action.target].add(source)
    for column in columns[1:]:  # then each state near the average place of the states leading to it
        place = {name: index for col in columns for index, name in enumerate(col)}
        column.sort(key=lambda name: sum(place[s] for s in sources[name]) / len(sources[name]) if sources[name] else 0)
    return columns


def _arrows(workflow: Workflow) -> dict[tuple[str, str], list[str]]:
    """Each pair of states an action joins, with the labels of every action that joins them."""
    arrows: dict[tuple[str, str], list[str]] = defaultdict(list)
    for action in _drawn(workflow):
        if action.target:
            for source in sorted(action.sources):
                if action.label not in arrows[source, action.target]:
                    arrows[source, action.target].append(action.label)
    return arrows


def svg(workflow: Workflow, current: str | None = None) -> str:
    """The diagram; `current` names the state a case is in, drawn highlighted."""
    columns = _columns(workflow)
    column_of = {name: index for index, column in enumerate(columns) for name in column}
    loops = {
        state.name: [line for a in _drawn(workflow) if a.target is None and state.name in a.sources for line in _recorded(a)]
        for state in workflow.states
    }
    titles = {state.name: textwrap.wrap(state.label, 24) for state in workflow.states}
    heights = {
        name: TITLE_HEIGHT + LINE * (len(titles[name]) - 1) + (LINE * len(loops[name]) + 8 if loops[name] else 0)
        for name in loops
    }
    boxes: dict[str, Box] = {}
    for index, column in enumerate(columns):
        y = MARGIN
        for name in column:
            boxes[name] = Box(MARGIN + index * (BOX_WIDTH + COLUMN_GAP), y, heights[name])
            y += heights[name] + ROW_GAP
    width = MARGIN * 2 + len(columns) * BOX_WIDTH + (len(columns) - 1) * COLUMN_GAP
    arrows = _arrows(workflow)
    going_back = [pair for pair in arrows if column_of[pair[1]] < column_of[pair[0]]]
    bottom = max(box.y + box.height for box in boxes.values())
    height = bottom + MARGIN * 2 + LANE * len(going_back)  # a lane below for each arrow going back
    where = f" The case is at “{workflow.state(current).label}”, highlighted." if current else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="diagram-title diagram-desc" font-family="Arial, sans-serif">',
        f'<title id="diagram-title">{escape(workflow.title)}: states and actions</title>',
        f'<desc id="diagram-desc">{len(workflow.states)} states and {len(workflow.actions)} actions, from left to right.{where} The table below lists every action with where it goes, who takes it and its paragraphs.</desc>',
        f'<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{QUIET}"/></marker></defs>',
    ]
    placed = _place_labels(arrows, boxes, column_of, going_back, bottom)
    for (source, target), names in arrows.items():
        label = placed[source, target]
        parts.append(
            f'<path d="{label.path}" fill="none" stroke="{QUIET}" stroke-width="1.5" marker-end="url(#arrow)"><title>{escape(" / ".join(names))}</title></path>'
        )
    for state in workflow.states:
        parts.append(_box(state.name, state.label, state.terminal, boxes[state.name], titles, loops, state.name == current))
    parts += [label.text for label in placed.values()]  # on top, so that no arrow or box hides a label
    parts.append("</svg>")
    return "\n".join(parts)


LANE = TEXT_FONT + 30
LABEL_LINE = TEXT_FONT + 2


@dataclass
class Label:
    lines: list[str]
    x: float
    y: float  # the middle of the label; the arrow passes through it
    path: str = ""

    @property
    def height(self) -> float:
        return len(self.lines) * LABEL_LINE

    @property
    def text(self) -> str:
        top = self.y - (len(self.lines) - 1) * LABEL_LINE / 2 + TEXT_FONT / 3
        spans = "".join(
            f'<tspan x="{self.x:.0f}" y="{top + n * LABEL_LINE:.0f}">{escape(line)}</tspan>' for n, line in enumerate(self.lines)
        )
        return f'<text font-size="{TEXT_FONT}" fill="{INK}" text-anchor="middle" stroke="#ffffff" stroke-width="4" paint-order="stroke">{spans}</text>'


def _place_labels(arrows, boxes: dict[str, Box], column_of, going_back, bottom: float) -> dict[tuple[str, str], Label]:
    """Each arrow's label: in the gap before its target (moved down until no other label there
    overlaps it), or, for an arrow going back, in its own lane below the boxes. Then its path."""
    labels: dict[tuple[str, str], Label] = {}
    for (source, target), names in arrows.items():
        lines = [line for name in names for line in textwrap.wrap(name, LABEL_CHARACTERS)]
        s, t = boxes[source], boxes[target]
        if (source, target) in going_back:
            low = bottom + MARGIN + LANE * (going_back.index((source, target)) + 1)
            labels[source, target] = Label(lines, (s.x + t.x + BOX_WIDTH) / 2, low)
        elif column_of[source] == column_of[target]:  # within a column: out to the right and back
            labels[source, target] = Label(lines, s.x + BOX_WIDTH + COLUMN_GAP / 4, (s.middle + t.middle) / 2)
        else:
            x1, x2 = s.x + BOX_WIDTH, t.x
            along = (COLUMN_GAP / 2) / max(x2 - x1, COLUMN_GAP)
            labels[source, target] = Label(lines, x2 - COLUMN_GAP / 2, t.middle + (s.middle - t.middle) * along)
    by_gap: dict[float, list[Label]] = defaultdict(list)
    for label in labels.values():
        by_gap[label.x].append(label)
    for gap in by_gap.values():
        gap.sort(key=lambda label: label.y)
        for above, below in zip(gap, gap[1:], strict=False):
            least = above.y + (above.height + below.height) / 2 + 4
            below.y = max(below.y, least)
    for (source, target), label in labels.items():
        label.path = _path(boxes[source], boxes[target], label, (source, target) in going_back)
    return labels


def _path(source: Box, target: Box, label: Label, back: bool) -> str:
    if back:  # from the bottom of the source, down to its lane, and up into the bottom of the target
        x1, x2 = source.x + BOX_WIDTH / 2, target.x + BOX_WIDTH / 2
        y1, y2 = source.y + source.height, target.y + target.height
        return f"M{x1:.0f},{y1:.0f} C{x1:.0f},{label.y:.0f} {x1:.0f},{label.y:.0f} {label.x:.0f},{label.y:.0f} S{x2:.0f},{label.y:.0f} {x2:.0f},{y2:.0f}"
    x1, y1 = source.x + BOX_WIDTH, source.middle
    if target.x == source.x:  # within a column
        x2, y2 = target.x + BOX_WIDTH, target.middle
        return f"M{x1:.0f},{y1:.0f} Q{label.x:.0f},{y1:.0f} {label.x:.0f},{label.y:.0f} T{x2:.0f},{y2:.0f}"
    x2, y2 = target.x, target.middle
    return (
        f"M{x1:.0f},{y1:.0f} C{x1 + 60:.0f},{y1:.0f} {label.x - 60:.0f},{label.y:.0f} {label.x:.0f},{label.y:.0f} "
        f"S{x2 - 40:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    )


def _recorded(action: Action) -> list[str]:
    """The lines listing an action that records something without moving on, wrapped to the box."""
    return [("↻ " if n == 0 else "   ") + line for n, line in enumerate(textwrap.wrap(action.label, 30))]


def _box(name: str, label: str, terminal: bool, box: Box, titles, loops, current: bool) -> str:
    fill, stroke, weight = ("#f3f2f1", INK, 2) if terminal else ("#ffffff", BRAND, 2)
    if current:
        fill, stroke, weight = HIGHLIGHT, INK, 4
    here = " (the case is here)" if current else ""
    parts = [
        f'<g id="state-{name}"><title>{escape(label)}{here}</title>',
        f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{BOX_WIDTH}" height="{box.height:.0f}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{weight}"/>',
    ]
    for n, line in enumerate(titles[name]):
        parts.append(
            f'<text x="{box.x + 10:.0f}" y="{box.y + 26 + LINE * n:.0f}" font-size="{STATE_FONT}" font-weight="bold" fill="{INK}">{escape(line)}</text>'
        )
    first = box.y + TITLE_HEIGHT + LINE * (len(titles[name]) - 1) + 8
    for n, line in enumerate(loops[name]):
        parts.append(
            f'<text x="{box.x + 10:.0f}" y="{first + LINE * n:.0f}" font-size="{TEXT_FONT}" fill="{QUIET}">{escape(line)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)
