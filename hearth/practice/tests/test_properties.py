"""Property tests: loading any generated model, and the graph checks agreeing with a reference."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.practice.checks import check_model, reachable
from hearth.practice.yamlsource import load_yaml_text, locate

IDS = st.lists(
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=8, unique=True
)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[str], dict[str, list[str]], list[str]]:
    ids = draw(IDS)
    edges = {i: draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) for i in ids}
    start = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    return ids, edges, start


def write(folder: Path, ids: list[str], edges: dict[str, list[str]], start: list[str]) -> None:
    (folder / "steps").mkdir(parents=True)
    header = {"name": "generated", "version": 1, "title": "Generated", "start": start}
    (folder / "model.yaml").write_text(yaml.safe_dump(header))
    for step_id in ids:
        step = {
            "id": step_id,
            "title": step_id.title(),
            "outcomes": [{"id": f"to_{t}", "label": t, "next": [t]} for t in edges[step_id]],
        }
        (folder / "steps" / f"{step_id}.yaml").write_text(yaml.safe_dump(step, sort_keys=False))


def reference_reachable(edges: dict[str, list[str]], start: list[str]) -> set[str]:
    seen: set[str] = set()
    frontier = list(start)
    while frontier:
        nxt = []
        for node in frontier:
            if node not in seen:
                seen.add(node)
                nxt.extend(edges[node])
        frontier = nxt
    return seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_unreachable_steps_are_exactly_those_no_path_reaches(graph) -> None:
    ids, edges, start = graph
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder, ids, edges, start)
        result = check_model(folder, facts={}, roles=[])
    expected = set(ids) - reference_reachable(edges, start)
    flagged = {p.message.split("'")[1] for p in result.problems if "cannot be reached" in p.message}
    assert flagged == expected
    assert reachable(start, edges) == reference_reachable(edges, start)
    # Nothing else is wrong with a generated model.
    assert all("cannot be reached" in p.message for p in result.problems)
    for problem in result.problems:
        step_id = problem.message.split("'")[1]
        assert problem.file.endswith(f"steps/{step_id}.yaml")
        assert problem.line == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.data())
def test_a_dangling_outcome_is_reported_on_its_own_line(graph, data) -> None:
    ids, edges, start = graph
    source = data.draw(st.sampled_from(ids))
    edges = {**edges, source: [*edges[source], "zz_missing"]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder, ids, edges, start)
        result = check_model(folder, facts={}, roles=[])
        text = (folder / "steps" / f"{source}.yaml").read_text()
    dangling = [p for p in result.problems if "unknown step 'zz_missing'" in p.message]
    assert len(dangling) == 1
    assert dangling[0].file.endswith(f"steps/{source}.yaml")
    assert text.splitlines()[dangling[0].line - 1].strip() == "- zz_missing"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet="abcxyz _-", max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet="abcdef", min_size=1, max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(JSONISH)
def test_line_aware_loading_gives_the_same_data_as_plain_yaml(value) -> None:
    text = yaml.safe_dump({"root": value}, sort_keys=False)
    loaded, problems = load_yaml_text(text, "x.yaml")
    assert problems == []
    assert loaded == yaml.safe_load(text)
    # Every key's recorded line holds that key.
    lines = text.splitlines()

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.items():
                _, line = locate(loaded, (*path, key), default_file="x.yaml")
                assert (
                    str(key) in lines[line - 1] or "{" in lines[line - 1] or "?" in lines[line - 1]
                )
                walk(child, (*path, key))

    walk(loaded, ())
