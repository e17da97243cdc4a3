"""Drawing a practice model as an SVG flow diagram, in pure Python (no graphviz needed).

A simple layered (Sugiyama-style) layout:

1. edges that point back up the flow (a CIN plan stepping up to a strategy discussion) are found
   by a depth-first search from the start steps and drawn as dashed curves on the right;
2. each step goes in the row of its longest path from a start step, so the flow reads top down;
3. steps in each row are ordered by the average position of the steps that lead to them, swept
   down and up a few times, which removes most crossings;
4. ad hoc steps that nothing leads to (visits, a further strategy discussion) sit in a band at
   the bottom, "started by hand at any time".

Each box shows the step's title, its timescale and whether a manager authorises it; each arrow
carries the outcome's label. The SVG has a title and description for screen readers, and the
page that shows it also lists the same steps and outcomes as text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hearth.practice.schema import PracticeModel, StepType

BOX_WIDTH = 190
BOX_HEIGHT = 62
GAP_X = 50
ROW_GAP = 92
MARGIN = 30
LABEL_CHARS = 26
SWEEPS = 4
CHAR_WIDTH = 5.6

_UNIT_WORDS = {
    "working_days": "working days",
    "calendar_days": "days",
    "calendar_months": "months",
    "weeks": "weeks",
    "hours": "hours",
}


@dataclass
class _Box:
    step: StepType
    row: int
    x: float = 0.0
    y: float = 0.0


def timescale_text(step: StepType) -> str:
    """The step's timescale in words, e.g. "15 working days from strategy discussion"."""
    timescale = step.timescale
    if timescale is None:
        return ""
    unit = _UNIT_WORDS[timescale.unit.value]
    if timescale.amount == 1:
        unit = unit.removesuffix("s")
    source = timescale.from_
    if source == "step_started":
        origin = "of start"
    else:
        origin = "from " + source.split(".")[0].replace("_", " ")
    text = f"{timescale.amount} {unit} {origin}"
    if timescale.repeat is not None:
        text += f", then every {timescale.repeat.amount} {_UNIT_WORDS[timescale.repeat.unit.value]}"
    return text


def _back_edges(model: PracticeModel, roots: list[str]) -> set[tuple[str, str]]:
    graph = {s.id: [t for o in s.outcomes for t in o.next] for s in model.steps}
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the stack, 2 finished

    def visit(node: str) -> None:
        state[node] = 1
        for target in graph.get(node, []):
            if state.get(target) == 1:
                back.add((node, target))
            elif target not in state and target in graph:
                visit(target)
        state[node] = 2

    for root in roots:
        if root not in state and root in graph:
            visit(root)
    return back


def _reachable(roots: list[str], model: PracticeModel) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        step = model.step(node)
        if node in seen or step is None:
            continue
        seen.add(node)
        stack.extend(t for o in step.outcomes for t in o.next)
    return seen


def layout(model: PracticeModel) -> tuple[dict[str, _Box], set[tuple[str, str]], int]:
    """Boxes placed in rows, the back edges, and the index of the ad hoc band (or -1)."""
    reached_from_start = _reachable([s for s in model.start if model.step(s)], model)
    floating = [s.id for s in model.steps if s.id not in reached_from_start]
    roots = [s for s in model.start if model.step(s)]
    back = _back_edges(model, roots + floating)
    forward = {
        s.id: [t for o in s.outcomes for t in o.next if (s.id, t) not in back and model.step(t)]
        for s in model.steps
    }
    row: dict[str, int] = {}
    # Rows by shortest distance from a start step (breadth first): the usual route through the
    # model reads straight down, and a step-up from later work shows as an arrow going back.
    queue = list(dict.fromkeys(roots))
    for root in queue:
        row.setdefault(root, 0)
    while queue:
        source = queue.pop(0)
        for target in forward.get(source, []):
            if target not in row and target not in floating:
                row[target] = row[source] + 1
                queue.append(target)
    last = max(row.values(), default=-1)
    band = -1
    for step in model.steps:
        if step.id not in row:
            band = last + 1
            row[step.id] = band
    boxes = {s.id: _Box(step=s, row=row[s.id]) for s in model.steps}
    back |= {
        (s.id, t)
        for s in model.steps
        for o in s.outcomes
        for t in o.next
        if t in row and row[t] <= row[s.id]
    }
    forward = {
        source: [t for t in outs if (source, t) not in back] for source, outs in forward.items()
    }
    rows: dict[int, list[str]] = {}
    for step in model.steps:
        rows.setdefault(row[step.id], []).append(step.id)
    _order(rows, forward)
    width = max((len(ids) for ids in rows.values()), default=1)
    total = width * BOX_WIDTH + (width - 1) * GAP_X
    for index, ids in rows.items():
        used = len(ids) * BOX_WIDTH + (len(ids) - 1) * GAP_X
        left = MARGIN + (total - used) / 2
        for position, step_id in enumerate(ids):
            boxes[step_id].x = left + position * (BOX_WIDTH + GAP_X)
            boxes[step_id].y = (
                MARGIN + index * (BOX_HEIGHT + ROW_GAP) + (30 if index == band else 0)
            )
    return boxes, back, band


def _order(rows: dict[int, list[str]], forward: dict[str, list[str]]) -> None:
    incoming: dict[str, list[str]] = {}
    for source, outs in forward.items():
        for target in outs:
            incoming.setdefault(target, []).append(source)
            forward.setdefault(target, [])
    ordered = sorted(rows)
    for sweep in range(SWEEPS):
        sequence = ordered[1:] if sweep % 2 == 0 else list(reversed(ordered[:-1]))
        for index in sequence:
            neighbour_row = index - 1 if sweep % 2 == 0 else index + 1
            if neighbour_row not in rows:
                continue
            position = {step_id: p for p, step_id in enumerate(rows[neighbour_row])}
            links = incoming if sweep % 2 == 0 else forward
            current = {step_id: float(p) for p, step_id in enumerate(rows[index])}
            weights = {}
            for step_id in rows[index]:
                near = [position[n] for n in links.get(step_id, []) if n in position]
                weights[step_id] = sum(near) / len(near) if near else current[step_id]
            rows[index].sort(key=weights.__getitem__)


def _text_lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def render_svg(model: PracticeModel) -> str:
    """The model as a standalone SVG document."""
    boxes, back, band = layout(model)
    right = max((b.x + BOX_WIDTH for b in boxes.values()), default=MARGIN * 2)
    bottom = max((b.y + BOX_HEIGHT for b in boxes.values()), default=MARGIN * 2)
    width = right + MARGIN + 120  # room for the back-edge curves
    height = bottom + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="pm-title pm-desc" font-family="arial, sans-serif">',
        f'<title id="pm-title">{escape(model.title)} ({escape(model.label)})</title>',
        f'<desc id="pm-desc">Flow of {len(model.steps)} steps from '
        f"{escape(', '.join(model.start))}. Dashed arrows go back to an earlier step.</desc>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#505a5f"/></marker></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    if band >= 0:
        top = min(b.y for b in boxes.values() if b.row == band) - 34
        parts.append(
            f'<line x1="{MARGIN}" y1="{top:.0f}" x2="{right:.0f}" y2="{top:.0f}" '
            'stroke="#b1b4b6" stroke-dasharray="4 4"/>'
            f'<text x="{MARGIN}" y="{top + 18:.0f}" font-size="13" fill="#505a5f">'
            "Started by hand at any time</text>"
        )
    labels: list[str] = []
    for step in model.steps:
        source = boxes[step.id]
        for outcome in step.outcomes:
            for position, target_id in enumerate(outcome.next):
                target = boxes.get(target_id)
                if target is None:
                    continue
                parts.append(_edge(source, target, (step.id, target_id) in back, right))
                if position == 0:  # one label per outcome, on its first arrow
                    labels.append(
                        _edge_label(
                            source, target, outcome.label, (step.id, target_id) in back, right
                        )
                    )
    parts.extend(_box(box, model) for box in boxes.values())
    parts.extend(labels)
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(source: _Box, target: _Box, is_back: bool, right: float) -> str:
    if source is target:
        # A step that schedules the next one of its kind (core groups, visits, reviews).
        x, y = source.x + BOX_WIDTH, source.y + BOX_HEIGHT / 2
        return (
            f'<path d="M {x:.0f} {y - 12:.0f} C {x + 34:.0f} {y - 30:.0f}, {x + 34:.0f} '
            f'{y + 30:.0f}, {x:.0f} {y + 12:.0f}" fill="none" stroke="#505a5f" '
            'marker-end="url(#arrow)"/>'
        )
    if target.row == source.row:
        # Side by side: a short arrow between the facing sides.
        leftwards = target.x < source.x
        sx = source.x if leftwards else source.x + BOX_WIDTH
        tx = target.x + BOX_WIDTH if leftwards else target.x
        y = source.y + BOX_HEIGHT / 2 + (6 if leftwards else -6)
        return (
            f'<path d="M {sx:.0f} {y:.0f} L {tx:.0f} {y:.0f}" fill="none" stroke="#505a5f" '
            'marker-end="url(#arrow)"/>'
        )
    if is_back or target.row < source.row:
        sx, sy = source.x + BOX_WIDTH, source.y + BOX_HEIGHT / 2
        tx, ty = target.x + BOX_WIDTH, target.y + BOX_HEIGHT / 2
        bend = right + 60
        return (
            f'<path d="M {sx:.0f} {sy:.0f} C {bend:.0f} {sy:.0f}, {bend:.0f} {ty:.0f}, '
            f'{tx:.0f} {ty:.0f}" fill="none" stroke="#505a5f" stroke-dasharray="6 4" '
            'marker-end="url(#arrow)"/>'
        )
    sx, sy = source.x + BOX_WIDTH / 2, source.y + BOX_HEIGHT
    tx, ty = target.x + BOX_WIDTH / 2, target.y
    mid = (sy + ty) / 2
    return (
        f'<path d="M {sx:.0f} {sy:.0f} C {sx:.0f} {mid:.0f}, {tx:.0f} {mid:.0f}, {tx:.0f} '
        f'{ty:.0f}" fill="none" stroke="#505a5f" marker-end="url(#arrow)"/>'
    )


def _edge_label(source: _Box, target: _Box, label: str, is_back: bool, right: float) -> str:
    text = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    if source is target or target.row == source.row:
        return ""  # the step list beside the diagram names these outcomes
    if is_back or target.row <= source.row:
        x, y = right + 20, (source.y + target.y + BOX_HEIGHT) / 2
    else:
        # A third of the way down the arrow, so labels of arrows leaving one box fan out.
        x = source.x + BOX_WIDTH / 2 + (target.x - source.x) / 3
        y = source.y + BOX_HEIGHT + min(ROW_GAP / 2, (target.y - source.y - BOX_HEIGHT) / 3)
    width = len(text) * CHAR_WIDTH + 8
    return (
        f'<rect x="{x - width / 2:.0f}" y="{y - 9:.0f}" width="{width:.0f}" height="15" '
        f'fill="#ffffff" opacity="0.9"/><text x="{x:.0f}" y="{y + 2:.0f}" font-size="10" '
        f'text-anchor="middle" fill="#0b0c0c">{escape(text)}</text>'
    )


def _box(box: _Box, model: PracticeModel) -> str:
    step = box.step
    start = step.id in model.start
    fill = "#e8f1f8" if start else ("#f3f2f1" if step.ad_hoc else "#ffffff")
    stroke = "#1d70b8" if start else "#0b0c0c"
    lines = _text_lines(step.title, LABEL_CHARS)[:2]
    detail = timescale_text(step)
    if step.authorisation is not None:
        detail = (detail + " · " if detail else "") + "manager authorises"
    out = [
        f'<g id="step-{escape(step.id)}"><rect x="{box.x:.0f}" y="{box.y:.0f}" '
        f'width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="4" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{2 if start else 1}"/>'
    ]
    for index, line in enumerate(lines):
        out.append(
            f'<text x="{box.x + BOX_WIDTH / 2:.0f}" y="{box.y + 18 + index * 15:.0f}" '
            f'font-size="13" font-weight="bold" text-anchor="middle" fill="#0b0c0c">'
            f"{escape(line)}</text>"
        )
    if detail:
        short = detail if len(detail) <= 34 else detail[:33] + "…"
        out.append(
            f'<text x="{box.x + BOX_WIDTH / 2:.0f}" y="{box.y + BOX_HEIGHT - 8:.0f}" '
            f'font-size="10" text-anchor="middle" fill="#505a5f">{escape(short)}</text>'
        )
    out.append("</g>")
    return "".join(out)
