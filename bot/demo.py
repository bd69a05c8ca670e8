"""`lianxin demo`: the whole bot offline against the local stand-in (being built)."""

from __future__ import annotations

import argparse


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="keep the demo database in this file")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--script", help="play the lines of this file and print the transcript")


def run_demo(args: argparse.Namespace) -> int:
    raise SystemExit("lianxin demo: not built yet")
