"""The README states how many security probes there are; this keeps the number true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SECURITY = Path(__file__).parent
README = SECURITY.parent.parent / "README.md"


def test_the_readme_states_the_number_of_probes() -> None:
    if not README.is_file():
        pytest.skip("needs the source tree")
    probes = sum(
        len(re.findall(r"^def test_", path.read_text(encoding="utf-8"), re.MULTILINE))
        for path in SECURITY.glob("test_*.py")
    )
    stated = re.search(r"`tests/security/`: (\d+) probes", README.read_text(encoding="utf-8"))
    assert stated is not None, "the README's test section names the count of probes"
    assert int(stated.group(1)) == probes
