"""Case references as residents type them."""

import pytest

from bot.domain.cases import find_reference


@pytest.mark.parametrize(
    "text, ref",
    [("LX-2026-0042", "LX-2026-0042"), ("lx-2026-0042 有进展吗", "LX-2026-0042"),
     ("我的单子LX-2026-12345怎么样了", "LX-2026-12345"), ("XLX-2026-0001", None), ("LX-2026-001", None),
     ("路灯坏了", None)],
)
def test_a_reference_is_found_in_a_text(text, ref):
    assert find_reference("LX", text) == ref
