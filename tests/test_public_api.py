from __future__ import annotations

import policyqa


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(policyqa) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(policyqa, name)).__name__ == "module"}
    assert sorted(policyqa.__all__) == sorted(public - modules)
    assert policyqa.__all__ == sorted(policyqa.__all__, key=lambda n: (n[0].islower(), n))


def test_readme_layout_names_every_module_and_data_file() -> None:
    """The README's layout section matches the tree: nothing missing, nothing stale."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    package = root / "src" / "policyqa"
    readme = (root / "README.md").read_text("utf-8")
    layout = readme.split("## Layout", 1)[1].split("```")[1]
    folders: dict[Path, set[str]] = {}
    current: Path | None = None
    for line in layout.splitlines():
        head, _, rest = line.partition("  ")
        if head.startswith("src/policyqa"):
            current = root / head.strip().rstrip("/")
            folders[current] = set()
        elif head.strip():
            current = None
        if current is not None:
            prose = re.sub(r"\([^)]*\)|[a-z ]+:", "", rest)  # (notes) and "a label:"
            folders[current] |= {w for w in re.split(r"[,;\s]+", prose) if w}
    for folder, named in folders.items():
        if folder.name == "data":
            present = {p.name for p in folder.iterdir()}
        else:
            # Sub-packages have lines of their own; static/ holds the page, not modules.
            present = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
            named = {n for n in named if not n.endswith("/")}
        assert named == present, f"{folder.relative_to(root)}: README {sorted(named ^ present)}"
    assert set(folders) >= {package, package / "compose", package / "server", package / "data"}
