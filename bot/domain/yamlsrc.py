"""YAML reading for admins' files: line numbers for every value, and no silent type changes.

PyYAML follows YAML 1.1, where `hours: 9:00` becomes the number 540 and `phone: 0532-1234`
could turn into something else. Admins write text, so every plain scalar stays the string that was
written; the models convert where a number is really meant (coordinates, Telegram ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.tokens import ScalarToken


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that only resolves null; numbers, booleans and dates stay as written, and a question
    mark may end a text inside braces, as YAML 1.2 allows: `{zh: 什么时候开放？, en: When is it open?}`
    (SPEC section 6's own example) is two texts, where PyYAML alone stops at the '?' with an error."""

    def scan_plain(self):
        # PyYAML's Scanner.scan_plain (6.0), with '?' removed from the characters that end a plain
        # scalar in flow context; nothing else changed.
        chunks = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                blank = "\0 \t\r\n\x85\u2028\u2029"
                if (
                    ch in blank
                    or (ch == ":" and self.peek(length + 1) in blank + (",[]{}" if self.flow_level else ""))
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Location = tuple[Any, ...]  # a pydantic-style location: keys and list indexes


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an admin's file, printed as `file:line: reason`."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class YamlDocument:
    """Parsed YAML data plus the line of every value, keyed by its location."""

    file: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Location) -> int:
        """The line of the deepest known location on the way to `loc` (1-based)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, loc: Location, reason: str) -> Problem:
        return Problem(self.file, self.line_of(loc), reason)


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Reads one YAML file; syntax errors and duplicate keys become problems, never exceptions."""
    name = display_name or str(path)
    doc = YamlDocument(file=name, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(name, 1, f"not UTF-8 text ({exc.reason})"))
        return doc
    try:
        node = yaml.compose(text, Loader=_TextLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        doc.problems.append(Problem(name, line, f"YAML syntax: {reason}"))
        return doc
    if node is None:
        doc.data = None
        return doc
    doc.data = _build(node, (), doc)
    return doc


def _build(node: yaml.Node, loc: Location, doc: YamlDocument) -> Any:
    doc.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build_scalar(key_node, doc) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, "a key must be plain text")
                )
                continue
            if key in result:
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, f"duplicate key '{key}'")
                )
                continue
            result[key] = _build(value_node, loc + (key,), doc)
            # Point at the key's line: that is where an admin looks for a wrong or unknown key.
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), doc) for i, item in enumerate(node.value)]
    return _build_scalar(node, doc)


def _build_scalar(node: yaml.ScalarNode, doc: YamlDocument) -> Any:
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value
