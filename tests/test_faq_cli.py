"""`lianxin faq check` and `lianxin faq ask`, through the argparse entry the main CLI uses."""

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.faq_cli import add_faq_parser, faq_check
from tests.domain.kbfixture import DIRECTORY, FAQ, write_kb

ROOT = Path(__file__).resolve().parents[1]


def run(argv, monkeypatch=None, stdin=None):
    parser = argparse.ArgumentParser(prog="lianxin")
    add_faq_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return args.func(args)


@pytest.fixture
def kb_dir(tmp_path):
    return write_kb(tmp_path)


def test_check_valid(kb_dir, capsys):
    assert run(["faq", "check", str(kb_dir)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "5 FAQ entries" in out[0] and "OK" in out[0]


def test_check_uses_env_dir(kb_dir, capsys, monkeypatch):
    monkeypatch.setenv("LIANXIN_FAQ_DIR", str(kb_dir))
    assert faq_check(None) == 0


BROKEN = {
    "yaml syntax": ({"bad.yaml": "- id: x\n  question: {zh: a\n"}, None, None, "faq/bad.yaml:3: YAML syntax"),
    "unknown key": (None, None, FAQ + "- id: y\n  question: {zh: 问, en: q}\n  anwser: x\n  answer: {zh: 答, en: a}\n",
                    f"faq/main.yaml:{FAQ.count(chr(10)) + 3}: unknown key 'anwser'"),
    "duplicate id": ({"b/x.yaml": "- id: parking\n  question: {zh: 问, en: q}\n  answer: {zh: 答, en: a}\n"}, None, None,
                     "faq/main.yaml:21: duplicate FAQ id 'parking' (first in faq/b/x.yaml:1)"),
    "related missing": (None, None, FAQ.replace("related: [how-to-report]", "related: [gone]"),
                        "faq/main.yaml:7: related names unknown id 'gone'"),
    "empty answer": (None, None, FAQ.replace("answer: {zh: 到物业办理。, en: At the property office.}", "answer: {zh: '', en: x}"),
                     f"faq/main.yaml:{FAQ.count(chr(10))}: answer: the zh text is empty"),
    "too long": (None, None, FAQ.replace("到物业办理。", "长" * 5000), f"faq/main.yaml:{FAQ.count(chr(10))}: answer: the zh answer has 5000 characters"),
    "missing language": (None, None, FAQ.replace("answer: {zh: 到物业办理。, en: At the property office.}", "answer: 到物业办理。"),
                         f"faq/main.yaml:{FAQ.count(chr(10))}: answer of 'parking' has no en text"),
    "directory": (None, DIRECTORY.replace("stations: [songlin]", "stations: [nowhere]"), None,
                  "faq/directory.yaml:27: representative 'sun-weiguo' names unknown station 'nowhere'"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_check_reports_file_line_reason(tmp_path, capsys, case):
    extra, directory, faq, expected = BROKEN[case]
    kb = write_kb(tmp_path, directory=directory or DIRECTORY, faq=faq or FAQ, extra=extra)
    assert run(["faq", "check", str(kb)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith(expected) for line in lines), lines
    assert all(line.split(":", 2)[1].isdigit() for line in lines)


def test_hours_kept_as_text(kb_dir):
    from bot.domain.knowledge import load_knowledge_base

    assert load_knowledge_base(kb_dir).directory.home.hours == {"zh": "9:00"}


def test_ask_json_stdin_batch(kb_dir, capsys, monkeypatch):
    stdin = "工作站几点开门\n\n楼道灯坏了三天没人修\n今天天气怎么样\nWhen are the stations open?\n荷花站在哪\n"
    assert run(["faq", "ask", "--faq-dir", str(kb_dir), "--json"], monkeypatch, stdin) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [r["query"] for r in rows] == ["工作站几点开门", "楼道灯坏了三天没人修", "今天天气怎么样",
                                          "When are the stations open?", "荷花站在哪"]
    for r in rows:
        assert list(r) == ["query", "action", "answer_id", "score", "suggestions"]
        assert r["action"] in ("answer", "report", "suggest", "none")
        assert 0 <= r["score"] <= 100 and len(r["suggestions"]) <= 3
    assert (rows[0]["action"], rows[0]["answer_id"]) == ("answer", "station-hours")
    assert (rows[1]["action"], rows[1]["answer_id"]) == ("report", None)
    assert rows[2]["action"] in ("none", "suggest") and rows[2]["answer_id"] is None
    assert rows[3]["answer_id"] == "station-hours"
    assert rows[4]["answer_id"] == "station:hehua"


def test_ask_text_output_and_lang(kb_dir, capsys):
    assert run(["faq", "ask", "--faq-dir", str(kb_dir), "--lang", "en", "工作站几点开门"]) == 0
    out = capsys.readouterr().out
    assert "answer station-hours" in out and "Monday mornings." in out


def test_ask_invalid_kb_exits_2(tmp_path, capsys):
    kb = write_kb(tmp_path, extra={"bad.yaml": "- id: [\n"})
    assert run(["faq", "ask", "--faq-dir", str(kb), "x"]) == 2
    captured = capsys.readouterr()
    assert "faq/bad.yaml:" in captured.err
    assert len(captured.out.strip().splitlines()) == 1 and "invalid" in captured.out


def test_module_entry_point(kb_dir):
    result = subprocess.run(
        [sys.executable, "-m", "bot.faq_cli", "faq", "ask", "--faq-dir", str(kb_dir), "--json"],
        input="代表之家地址\n", capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answer_id"] == "home"
