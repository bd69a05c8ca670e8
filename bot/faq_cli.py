"""`lianxin faq check [DIR]` and `lianxin faq ask [--faq-dir DIR] [--lang L] [--json] [QUERY ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.config import Settings
from bot.domain.knowledge import check_knowledge_base, load_knowledge_base
from bot.domain.localized import LANGUAGES
from bot.domain.yamlsrc import KnowledgeBaseError


def faq_check(dir: Path | None) -> int:
    """Prints one `file:line: reason` per problem and returns 1, or a summary line and 0."""
    faq_dir = Path(dir) if dir is not None else Settings().faq_dir
    problems = check_knowledge_base(faq_dir)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {faq_dir}", file=sys.stderr)
        return 1
    print(load_knowledge_base(faq_dir).summary() + ": OK")
    return 0


def faq_ask(args: argparse.Namespace) -> int:
    faq_dir = Path(args.faq_dir) if getattr(args, "faq_dir", None) else Settings().faq_dir
    try:
        kb = load_knowledge_base(faq_dir)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: the knowledge base in {faq_dir} is invalid; run `lianxin faq check {faq_dir}`")
        return 2
    queries = list(args.query or [])
    if not queries:
        queries = [line.rstrip("\r\n") for line in sys.stdin]
    for query in queries:
        if not query.strip():
            continue
        decision = kb.decide(query, args.lang)
        if args.json:
            print(
                json.dumps(
                    {
                        "query": query,
                        "action": decision.action,
                        "answer_id": decision.answer_id,
                        "score": decision.score,
                        "suggestions": decision.suggestions,
                    },
                    ensure_ascii=False,
                )
            )
            continue
        line = f"{query}\t{decision.action}"
        if decision.answer_id:
            line += f" {decision.answer_id}"
        line += f" ({decision.score:.0f})"
        if decision.answer_id in kb.entries:
            first = kb.answer_text(decision.answer_id, decision.language).strip().splitlines()[0]
            line += f": {first}"
        elif decision.answer_id:
            line += f": {kb.title(decision.answer_id, decision.language)}"
        if decision.suggestions and decision.action != "answer":
            line += " | did you mean: " + ", ".join(decision.suggestions)
        print(line, flush=False)
    sys.stdout.flush()
    return 0


def add_faq_parser(subparsers) -> argparse.ArgumentParser:
    """Registers `faq check` and `faq ask` on the main parser's subparsers."""
    faq = subparsers.add_parser("faq", help="check the knowledge base or ask it questions")
    faq_sub = faq.add_subparsers(dest="faq_command", required=True)
    check = faq_sub.add_parser("check", help="validate faq/*.yaml and directory.yaml")
    check.add_argument("dir", nargs="?", type=Path, help="knowledge base folder (default: LIANXIN_FAQ_DIR or faq/)")
    check.set_defaults(func=lambda args: faq_check(args.dir))
    ask = faq_sub.add_parser("ask", help="answer queries as the bot would (stdin, one per line, if none given)")
    ask.add_argument("--faq-dir", type=Path, default=None)
    ask.add_argument("--lang", choices=LANGUAGES, default=None, help="the asker's language")
    ask.add_argument("--json", action="store_true", help="one JSON object per query")
    ask.add_argument("query", nargs="*")
    ask.set_defaults(func=faq_ask)
    return faq


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lianxin")
    add_faq_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
