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


def test_the_check_sees_an_upward_import(tmp_path):
    tree = ast.parse("from programme.models import Agenda\ndef f():\n    import demo.workshops\n")

    assert _imported_apps(tree) == {"programme", "demo"}


def test_demo_is_the_top_layer_and_common_the_bottom():
    assert LAYERS[0] == "common"
    assert LAYERS[-1] == "demo"
