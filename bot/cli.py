"""`lianxin run | demo | faq check | faq ask`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError

from .config import Settings
from .domain.yamlsrc import KnowledgeBaseError

EXIT_CONFIG = 2


def run(args: argparse.Namespace) -> int:
    """Long polling against TELEGRAM_API_BASE_URL until Ctrl-C or SIGTERM."""
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        print(f"lianxin: invalid setting {'.'.join(map(str, first['loc']))}: {first['msg']}", file=sys.stderr)
        return EXIT_CONFIG
    problem = settings.token_problem()
    if problem:
        print(f"lianxin: {problem}", file=sys.stderr)
        return EXIT_CONFIG
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from .app import build_application, check_connection

    try:
        # Fail with one clear line instead of python-telegram-bot's logged traceback.
        asyncio.run(check_connection(settings))
        application = build_application(settings)
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("lianxin: the Bot API rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)", file=sys.stderr)
        return EXIT_CONFIG
    except NetworkError as exc:
        print(f"lianxin: cannot reach the Bot API at {settings.api_root}: {exc}", file=sys.stderr)
        return 1
    except KnowledgeBaseError as exc:
        print(f"lianxin: the knowledge base in {settings.faq_dir} is invalid:\n{exc}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lianxin", description="Lianxin (连心): residents and their representatives")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling)").set_defaults(func=run)
    demo_parser = sub.add_parser("demo", help="the whole bot offline, in this terminal")
    from .demo import add_demo_arguments

    add_demo_arguments(demo_parser)
    demo_parser.set_defaults(func=demo)
    from .faq_cli import add_faq_parser

    add_faq_parser(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.command == "run" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
