"""The knowledge base the bot is serving, reloaded when admins edit `faq/`.

An invalid edit never replaces the last good version: the problems are reported and the
old knowledge base keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from .domain.knowledge import KnowledgeBase, load_knowledge_base
from .domain.yamlsrc import KnowledgeBaseError, Problem

log = logging.getLogger(__name__)


def _signature(faq_dir: Path) -> tuple:
    """What changes when an admin saves, adds, renames or deletes a file: cheap to compute."""
    entries = []
    for path in sorted(faq_dir.rglob("*.yaml")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class KnowledgeSource:
    def __init__(self, faq_dir: Path):
        self.faq_dir = Path(faq_dir)
        self._current: KnowledgeBase | None = None
        self._signature: tuple = ()
        self._failed_signature: tuple | None = None

    @property
    def current(self) -> KnowledgeBase:
        if self._current is None:
            raise RuntimeError("knowledge base not loaded")
        return self._current

    def load(self) -> KnowledgeBase:
        """First load: an invalid knowledge base is fatal here (raises KnowledgeBaseError)."""
        signature = _signature(self.faq_dir)
        self._current = load_knowledge_base(self.faq_dir)
        self._signature = signature
        return self._current

    async def reload(self, force: bool = False) -> tuple[bool, list[Problem]]:
        """Loads again if files changed (or `force`): (reloaded, problems). Runs off the event loop."""
        signature = _signature(self.faq_dir)
        if not force and (signature == self._signature or signature == self._failed_signature):
            return False, []
        try:
            kb = await asyncio.to_thread(load_knowledge_base, self.faq_dir)
        except KnowledgeBaseError as exc:
            self._failed_signature = signature
            log.warning("knowledge base edit rejected:\n%s", exc)
            return False, exc.problems
        self._current, self._signature, self._failed_signature = kb, signature, None
        log.info("knowledge base reloaded: %s", kb.summary())
        return True, []
