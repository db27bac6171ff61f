from __future__ import annotations

import policyqa


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(policyqa) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(policyqa, name)).__name__ == "module"}
    assert sorted(policyqa.__all__) == sorted(public - modules)
    assert policyqa.__all__ == sorted(policyqa.__all__, key=lambda n: (n[0].islower(), n))
