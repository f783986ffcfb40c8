"""What may import what (the README's "Layout"), read from the code itself."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE_APPS = ("referrals", "claims", "resettlement")
# The shared kits: what every case type uses. They never import a case app.
KITS = (
    "workflows/badges.py",
    "workflows/casekit.py",
    "workflows/clock.py",
    "workflows/deadlines.py",
    "workflows/escalation.py",
    "workflows/flowkit.py",
    "workflows/readonly_admin.py",
    "workflows/scoping.py",
    "workflows/stateguard.py",
    "workflows/web.py",
    "workflows/widgets.py",
    "workflows/workingdays.py",
    "workflows/audit",
    "workflows/backups",
    "workflows/documents",
    "workflows/finding",
    "workflows/policy",
    "workflows/registry",
)
# What one case app may use of another: what it reads (selectors) and what it asks it to do
# (services). Its models, choices and rules stay its own.
PUBLIC_MODULES = ("selectors", "services")


def modules(*paths: str):
    for path in paths:
        path = ROOT / path
        files = [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
        for file in files:
            if "migrations" not in file.parts:
                yield file


def module_name(file: Path) -> str:
    parts = file.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(file: Path) -> list[tuple[str, list[str]]]:
    """Every module ``file`` imports from, absolute, with the names it takes from it."""
    package = module_name(file).rsplit(".", 1)[0] if file.name != "__init__.py" else None
    package = package or module_name(file)
    found = []
    for node in ast.walk(ast.parse(file.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.append((base, [alias.name for alias in node.names]))
    return found


def case_app_of(module: str) -> str | None:
    parts = module.split(".")
    return (
        parts[1] if len(parts) > 1 and parts[0] == "workflows" and parts[1] in CASE_APPS else None
    )


def test_the_printed_forms_never_import_the_workflows():
    for file in modules("forms"):
        for module, _names in imported(file):
            assert not module.startswith("workflows"), f"{file.name} imports {module}"


@pytest.mark.parametrize("kit", KITS)
def test_a_shared_kit_never_imports_a_case_app(kit):
    for file in modules(kit):
        for module, _names in imported(file):
            assert case_app_of(module) is None, f"{file.relative_to(ROOT)} imports {module}"


@pytest.mark.parametrize("app", CASE_APPS)
def test_a_case_app_uses_another_only_through_its_selectors_and_services(app):
    for file in modules(f"workflows/{app}"):
        for module, names in imported(file):
            other = case_app_of(module)
            if other is None or other == app:
                continue
            public = module.split(".")[2:3] in ([name] for name in PUBLIC_MODULES) or (
                module == f"workflows.{other}" and set(names) <= set(PUBLIC_MODULES)
            )
            assert public, f"{file.relative_to(ROOT)} imports {module} {names}"


def test_no_module_of_the_workflows_imports_a_private_name_of_another():
    for file in modules("workflows"):
        tree = ast.parse(file.read_text())
        module_aliases = set()
        for module, names in imported(file):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{file.relative_to(ROOT)} imports {private} from {module}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module_aliases |= {alias.asname or alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                module_aliases |= {(a.asname or a.name).split(".")[0] for a in node.names}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in module_aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.attr not in ("_meta", "_default_manager")  # Django's public API
            ):
                raise AssertionError(f"{file.relative_to(ROOT)} uses {node.value.id}.{node.attr}")


@pytest.mark.parametrize("app", ("referrals", "resettlement"))
def test_a_flows_timers_never_import_the_flow(app):
    for module, _names in imported(ROOT / f"workflows/{app}/timers.py"):
        assert not module.endswith(".flows"), f"{app}/timers.py imports {module}"
