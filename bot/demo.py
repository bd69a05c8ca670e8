"""`lianxin demo`: the whole bot offline, against the local Bot API stand-in, in the terminal.

Typed lines are Telegram messages from the person you act as (a resident, a representative, an admin),
except the demo's own commands (`/demo` lists them); `--script FILE` plays a file of such lines and
prints the transcript. The session itself is in `demo_session.py`, imported only when the demo runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

from .config import BUNDLED_FAQ_DIR


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="keep the demo database in this file (default: a temporary folder)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the demo people (default zh)")
    parser.add_argument("--script", help="play the lines of this file and print the transcript")
    parser.add_argument("--faq-dir", help="knowledge base folder (default: the bundled faq/)")


def run_demo(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        if "utf" not in (getattr(stream, "encoding", "") or "").lower() and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a non-UTF-8 console shows "?" rather than crashing
    script_lines: list[str] | None = None
    if args.script:
        try:
            script_lines = Path(args.script).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"lianxin demo: cannot read {args.script}: {exc.strerror}", file=sys.stderr)
            return 2
    faq_dir = Path(args.faq_dir) if getattr(args, "faq_dir", None) else BUNDLED_FAQ_DIR
    from .demo_session import Demo
    from .domain.yamlsrc import KnowledgeBaseError

    with tempfile.TemporaryDirectory(prefix="lianxin-demo-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "demo.sqlite3"
        demo = Demo(lang=args.lang, db=db, faq_dir=faq_dir, color=sys.stdout.isatty() and script_lines is None,
                    interactive=script_lines is None)
        try:
            if script_lines is not None:
                return asyncio.run(demo.play_script(script_lines, args.script))
            return asyncio.run(demo.interact())
        except KeyboardInterrupt:
            print()
            return 130
        except KnowledgeBaseError as exc:
            print(f"lianxin demo: the knowledge base in {faq_dir} is invalid:\n{exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. `lianxin demo --script F | head`: the reader has gone
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
