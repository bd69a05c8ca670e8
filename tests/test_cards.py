"""The directory's public cards ("亮身份"), as residents see them."""

from __future__ import annotations

import pytest

from bot.cards import rep_card
from bot.config import BUNDLED_FAQ_DIR
from bot.domain.knowledge import load_knowledge_base


@pytest.mark.parametrize("lang, role", [("zh", "健康大使"), ("en", "health ambassador")])
def test_a_role_the_title_already_names_is_not_repeated(lang, role):
    directory = load_knowledge_base(BUNDLED_FAQ_DIR).directory
    card = rep_card(directory, directory.representative("hu-xiaoyan"), lang)
    assert card.lower().count(role) == 1
    guo = rep_card(directory, directory.representative("guo-wei"), lang)
    assert "招商大使" in guo if lang == "zh" else "investment" in guo.lower()
