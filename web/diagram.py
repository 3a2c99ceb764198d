"""The workflow diagram, drawn from the declaration: Mermaid text, and an SVG for the page.

States are laid out in rows by how many steps they are from the start; each arrow is an action.
Actions that record something without moving the state are listed inside their state's box.
"""

from __future__ import annotations

from collections import deque
from xml.sax.saxutils import escape

from policy.workflows import Workflow

BOX_WIDTH, BOX_HEIGHT, LINE = 320, 56, 14
COLUMN_GAP, ROW_GAP, MARGIN = 40, 110, 20


def mermaid(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {workflow.initial}"]
    for action in workflow.actions:
        for source in sorted(action.sources):
            lines.append(f"    {source} --> {action.target or source}: {action.name} (para {', '.join(action.paragraphs)})")
    lines += [f"    {state.name} --> [*]" for state in workflow.states if state.terminal]
    return "\n".join(lines)


def _rows(workflow: Workflow) -> list[list[str]]:
    depth = {workflow.initial: 0}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for action in workflow.actions_from(state):
            if action.target and action.target not in depth:
                depth[action.target] = depth[state] + 1
                queue.append(action.target)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for state in workflow.states:  # declaration order within a row
        rows[depth.get(state.name, len(rows) - 1)].append(state.name)
    return rows


def svg(workflow: Workflow) -> str:
    rows = _rows(workflow)
    loops = {
        state.name: [a.label for a in workflow.actions if a.target is None and state.name in a.sources]
        for state in workflow.states
    }
    heights = {name: BOX_HEIGHT + LINE * len(loops[name]) for name in loops}
    row_heights = [max(heights[name] for name in row) for row in rows]
    width = MARGIN * 2 + max(len(row) for row in rows) * (BOX_WIDTH + COLUMN_GAP)
    height = MARGIN * 2 + sum(row_heights) + ROW_GAP * (len(rows) - 1)
    position: dict[str, tuple[float, float]] = {}
    y = MARGIN
    for row, row_height in zip(rows, row_heights, strict=True):
        offset = (width - len(row) * (BOX_WIDTH + COLUMN_GAP) + COLUMN_GAP) / 2
        for index, name in enumerate(row):
            position[name] = (offset + index * (BOX_WIDTH + COLUMN_GAP), y)
        y += row_height + ROW_GAP

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="diagram-title diagram-desc" font-family="Arial, sans-serif">',
        f'<title id="diagram-title">{escape(workflow.title)}: states and actions</title>',
        f'<desc id="diagram-desc">{len(workflow.states)} states and {len(workflow.actions)} actions. The table below lists every action with its roles and paragraphs.</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/></marker></defs>',
    ]
    for action in workflow.actions:
        if not action.target:
            continue
        for source in sorted(action.sources):
            (x1, y1), (x2, y2) = position[source], position[action.target]
            start = (x1 + BOX_WIDTH / 2, y1 + heights[source])
            end = (x2 + BOX_WIDTH / 2, y2)
            if y2 <= y1:  # an arrow back up a row: leave from the side
                start, end = (x1 + BOX_WIDTH, y1 + BOX_HEIGHT / 2), (x2 + BOX_WIDTH, y2 + BOX_HEIGHT / 2)
            parts.append(
                f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" stroke="#505a5f" stroke-width="1.5" marker-end="url(#arrow)"><title>{escape(action.label)}</title></line>'
            )
    for state in workflow.states:
        x, y = position[state.name]
        fill, stroke = ("#f3f2f1", "#0b0c0c") if state.terminal else ("#ffffff", "#4c2c92")
        parts.append(
            f'<g><rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{heights[state.name]}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x + 10:.0f}" y="{y + 24:.0f}" font-size="14" font-weight="bold" fill="#0b0c0c">{escape(state.label)}</text>'
        )
        if state.terminal:
            parts.append(f'<text x="{x + 10:.0f}" y="{y + 42:.0f}" font-size="12" fill="#505a5f">closed</text>')
        for index, label in enumerate(loops[state.name]):
            parts.append(
                f'<text x="{x + 10:.0f}" y="{y + 44 + LINE * index:.0f}" font-size="11" fill="#505a5f">↻ {escape(label)}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)
