"""The apps form layers: each imports only the apps below it (settings.PORTAL_APPS
lists them lowest first). Migrations are history and are not read."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYERS = settings.PORTAL_APPS


def _imported_apps(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(LAYERS)


def upward_imports() -> list[str]:
    found = []
    for level, app in enumerate(LAYERS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for other in _imported_apps(ast.parse(path.read_text(), filename=str(path))):
                if LAYERS.index(other) > level:
                    found.append(f"{path.relative_to(ROOT)} imports {other}")
    return found


def test_apps_import_only_the_layers_below_them():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import():
    tree = ast.parse("from programme.models import Agenda\ndef f():\n    import demo.workshops\n")

    assert _imported_apps(tree) == {"programme", "demo"}


def test_demo_is_the_top_layer_and_common_the_bottom():
    assert LAYERS[0] == "common"
    assert LAYERS[-1] == "demo"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, tree: ast.AST) -> set[str]:
    """Every module a file imports (at any depth of the file), relative ones resolved."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def import_cycles(app: str) -> list[list[str]]:
    """Modules of one app that import each other, directly or through others."""
    graph = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        graph[_module_name(path)] = _imported_modules(path, ast.parse(path.read_text()))
    for module, imports in graph.items():
        # A package's __init__ re-exporting its own modules is not a circle.
        graph[module] = {m for m in imports if m in graph and not module.startswith(f"{m}.")}
    cycles, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for other in sorted(graph[module]):
            if state.get(other) == "open":
                cycles.append(trail[trail.index(other) :] + [other])
            elif other not in state:
                visit(other, [*trail, other])
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_module_of_an_app_imports_itself_back():
    assert {app: import_cycles(app) for app in LAYERS} == {app: [] for app in LAYERS}


def test_the_check_sees_two_modules_importing_each_other(tmp_path, monkeypatch):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "services.py").write_text("def f():\n    from .tasks import t\n")
    (tmp_path / "reports" / "tasks.py").write_text("from reports.services import f\n")
    monkeypatch.setattr("common.tests.test_layers.ROOT", tmp_path)

    assert import_cycles("reports") == [["reports.services", "reports.tasks", "reports.services"]]
