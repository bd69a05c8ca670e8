from pathlib import Path

import pytest

from bot.domain.knowledge import check_knowledge_base, load_knowledge_base
from bot.domain.yamlsrc import KnowledgeBaseError
from tests.domain.kbfixture import DIRECTORY, FAQ, write_kb


def reasons(kb: Path) -> list[str]:
    return [str(p) for p in check_knowledge_base(kb)]


def test_valid_kb_loads(tmp_path):
    kb = load_knowledge_base(write_kb(tmp_path))
    assert set(kb.entries) == {"station-hours", "how-to-report", "legal-aid", "privacy-phone", "parking"}
    assert "5 FAQ entries" in kb.summary()
    assert kb.directory.home.hours == {"zh": "9:00"}  # kept as written, never the number 540
    assert kb.answer_text("legal-aid", "en") == "Register at the Home."
    assert kb.title("station:hehua", "zh") == "荷花社区人大代表工作站"
    assert kb.title("rep:zhou-lan", "en") == "Zhou Lan"
    assert kb.title("how-to-report", "zh") == "怎么反映问题？"
    assert kb.entries["how-to-report"].alternates == {"zh": ["怎么投诉", "路灯坏了找谁", "有事找谁反映"]}


def test_a_question_mark_may_end_a_text_inside_braces(tmp_path):
    """SPEC section 6's own example form: PyYAML alone stops at the '?' with a syntax error."""
    entry = "- id: open-hours\n  question: {zh: 人大代表工作站什么时候开放？, en: When are the representative stations open?}\n" \
            "  alternates: {en: [Is it open on Sunday?, open today?]}\n  answer: {zh: 周一至周五。, en: Mon-Fri.}\n"
    kb = write_kb(tmp_path, extra={"hours.yaml": entry})
    assert reasons(kb) == []
    loaded = load_knowledge_base(kb)
    assert loaded.title("open-hours", "en") == "When are the representative stations open?"
    assert loaded.entries["open-hours"].alternates == {"en": ["Is it open on Sunday?", "open today?"]}


def test_yaml_syntax_error(tmp_path):
    kb = write_kb(tmp_path, extra={"bad.yaml": "- id: x\n  question: [unclosed\n"})
    assert any(r.startswith("faq/bad.yaml:") and "YAML syntax" in r for r in reasons(kb))


def test_unknown_key_has_line(tmp_path):
    faq = FAQ + "- id: typo\n  question: 问题\n  answr: 答案\n  answer: 好\n"
    problems = reasons(write_kb(tmp_path, faq=faq))
    line = FAQ.count("\n") + 3
    assert f"faq/main.yaml:{line}: unknown key 'answr'" in problems


def test_duplicate_id_across_files(tmp_path):
    extra = {"more/other.yaml": "- id: parking\n  question: 停车\n  answer: 好\n"}
    problems = reasons(write_kb(tmp_path, extra=extra))
    assert any(r.startswith("faq/more/other.yaml:1: duplicate FAQ id 'parking'") for r in problems), problems


def test_related_to_missing_id(tmp_path):
    faq = FAQ + "- id: x\n  question: {zh: 问, en: q}\n  answer: {zh: 答, en: a}\n  related: [nowhere, station:hehua]\n"
    problems = reasons(write_kb(tmp_path, faq=faq))
    assert problems == [f"faq/main.yaml:{FAQ.count(chr(10)) + 4}: related names unknown id 'nowhere'"]


def test_empty_question_and_answer(tmp_path):
    faq = "- id: x\n  question: ''\n  answer: {zh: '  ', en: ok}\n"
    problems = reasons(write_kb(tmp_path, faq=faq, directory=DIRECTORY.replace(", en: Test Street Representatives' Home", "")))
    assert any(r.startswith("faq/main.yaml:2:") and "empty" in r for r in problems), problems
    assert any(r.startswith("faq/main.yaml:3:") and "empty" in r for r in problems), problems


def test_answer_over_telegram_limit(tmp_path):
    faq = "- id: long\n  question: 长\n  answer: " + "长" * 4097 + "\n"
    problems = reasons(write_kb(tmp_path, faq=faq, directory=DIRECTORY.replace(", en: Test Street Representatives' Home", "")))
    assert any(r.startswith("faq/main.yaml:3:") and "4096" in r for r in problems), problems


def test_missing_language_when_directory_has_both(tmp_path):
    faq = "- id: only-zh\n  question: 只有中文？\n  answer: {zh: 是的}\n"
    problems = reasons(write_kb(tmp_path, faq=faq))
    assert any(r.startswith("faq/main.yaml:2:") and "no en text" in r for r in problems), problems
    assert any(r.startswith("faq/main.yaml:3:") and "no en text" in r for r in problems), problems


def test_bogus_language_key_from_unquoted_comma(tmp_path):
    faq = "- id: x\n  question: {zh: 几点, en: Mon, Tue}\n  answer: {zh: 好, en: ok}\n"
    problems = reasons(write_kb(tmp_path, faq=faq))
    assert any(r.startswith("faq/main.yaml:2:") and "unknown language key 'Tue'" in r for r in problems)


def test_reserved_and_bad_ids(tmp_path):
    faq = "- id: home\n  question: {zh: 家, en: home}\n  answer: {zh: 好, en: ok}\n" \
          "- id: Bad_Id\n  question: {zh: 家, en: home}\n  answer: {zh: 好, en: ok}\n"
    problems = reasons(write_kb(tmp_path, faq=faq))
    assert any(r.startswith("faq/main.yaml:1:") and "reserved" in r for r in problems), problems
    assert any(r.startswith("faq/main.yaml:4:") and "a-z" in r for r in problems), problems


def test_directory_problems_reported_together_with_faq_problems(tmp_path):
    directory = DIRECTORY.replace("    stations: [songlin]", "    stations: [nowhere]")
    faq = FAQ + "- id: x\n  question: 问\n  answer: 答\n  colour: red\n"
    kb = write_kb(tmp_path, directory=directory, faq=faq)
    with pytest.raises(KnowledgeBaseError) as exc:
        load_knowledge_base(kb)
    files = {p.file for p in exc.value.problems}
    assert files == {"faq/directory.yaml", "faq/main.yaml"}


def test_bundled_sample_kb_is_valid():
    root = Path(__file__).resolve().parents[2] / "faq"
    if not (root / "directory.yaml").exists():
        pytest.skip("sample knowledge base not present")
    assert check_knowledge_base(root) == []


def test_other_street_kb_is_valid():
    root = Path(__file__).resolve().parents[1] / "data" / "other_street" / "faq"
    assert check_knowledge_base(root) == []
    kb = load_knowledge_base(root)
    assert kb.directory.station("shiqiao").hours == {"zh": "9:00"}
