"""The import rule between top-level packages: lower layers never import higher ones.

`config, core <- indicators <- knowledge <- ingest <- bot, cli, bench` (bench and cli may use
each other and bot: they sit at the top). Checked on the source with `ast`, so a lazy
import inside a function counts too.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYER = {"config": 0, "core": 0, "indicators": 1, "knowledge": 2, "ingest": 3, "bot": 4, "cli": 4, "bench": 4}


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_no_package_imports_a_higher_layer() -> None:
    wrong = []
    for package, layer in LAYER.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, module in _imports(path):
                top = module.split(".")[0]
                if top in LAYER and top != package and LAYER[top] >= layer and layer < 4:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_bot_never_imports_the_cli() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] == "cli"
    ]
    assert not wrong, "\n".join(wrong)
