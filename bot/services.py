"""Everything handlers need, built once and reached as `context.services`."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import Application, CallbackContext, ExtBot

from .casework import Casework
from .config import Settings
from .knowledge_source import KnowledgeSource
from .store.cases import Cases
from .store.db import Database
from .store.outbox import Outbox
from .store.people import People
from .store.unanswered import Unanswered


@dataclass
class Services:
    settings: Settings
    db: Database
    cases: Cases
    people: People
    outbox: Outbox
    casework: Casework
    knowledge: KnowledgeSource
    unanswered: Unanswered

    @classmethod
    def create(cls, settings: Settings) -> "Services":
        db = Database(settings.db)
        cases = Cases(db, settings.case_prefix)
        people = People(db)
        knowledge = KnowledgeSource(settings.faq_dir)
        casework = Casework(settings, db, cases, people, lambda: knowledge.current.directory)
        return cls(settings, db, cases, people, Outbox(db), casework, knowledge, Unanswered(db))

    @property
    def directory(self):
        return self.knowledge.current.directory


class LianxinContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to the services (python-telegram-bot's contexttypesbot.py)."""

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]


def services_of(application: Application) -> Services:
    return application.bot_data["services"]
