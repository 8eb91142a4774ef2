"""Fail on any import cycle between the modules of a package (``frontdesk`` by default).

    python tools/check_cycles.py [package]

Prints each cycle as its chain of modules (``a -> b -> a``) and exits 1 if there is one.
Every import statement counts, inside functions and ``TYPE_CHECKING`` blocks too: a cycle
hidden in a late import is still two modules that cannot be understood one without the
other. The layers contract in pyproject.toml orders the top-level packages; this check
covers the modules inside them, where no contract names an order.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator

import grimp

Graph = dict[str, set[str]]


def import_graph(package: str) -> Graph:
    """Each module of ``package`` and the modules of ``package`` it imports directly."""
    graph = grimp.build_graph(package, cache_dir=None)
    return {
        module: set(graph.find_modules_directly_imported_by(module)) - {module}
        for module in graph.modules
    }


def find_cycles(graph: Graph) -> list[tuple[str, ...]]:
    """The shortest cycle through each module that is on one, each cycle listed once."""
    cycles = set()
    for group in _strongly_connected(graph):
        if len(group) > 1:
            cycles.update(_rotated(_shortest_cycle(graph, module, group)) for module in group)
    return sorted(cycles)


def main(argv: list[str]) -> int:
    package = argv[0] if argv else "frontdesk"
    cycles = find_cycles(import_graph(package))
    for cycle in cycles:
        print("import cycle: " + " -> ".join((*cycle, cycle[0])))
    if cycles:
        print(f"{len(cycles)} import cycle(s) in {package}")
        return 1
    print(f"no import cycles in {package}")
    return 0


def _strongly_connected(graph: Graph) -> Iterator[set[str]]:
    """Tarjan's algorithm, iterative (a deep package would overflow Python's stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    yield _pop_group(stack, on_stack, node)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])


def _pop_group(stack: list[str], on_stack: set[str], root: str) -> set[str]:
    group = set()
    while True:
        module = stack.pop()
        on_stack.discard(module)
        group.add(module)
        if module == root:
            return group


def _shortest_cycle(graph: Graph, start: str, group: set[str]) -> tuple[str, ...]:
    """Breadth-first from ``start`` back to itself, staying inside its group."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for imported in sorted(graph[module] & group):
            if imported == start:
                return _path(came_from, start, module)
            if imported not in came_from:
                came_from[imported] = module
                queue.append(imported)
    raise AssertionError(f"{start} is in a cycle group but on no cycle")


def _path(came_from: dict[str, str], start: str, last: str) -> tuple[str, ...]:
    path = [last]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return tuple(reversed(path))


def _rotated(cycle: tuple[str, ...]) -> tuple[str, ...]:
    """The cycle starting at its smallest module, so one cycle found twice compares equal."""
    first = cycle.index(min(cycle))
    return cycle[first:] + cycle[:first]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
