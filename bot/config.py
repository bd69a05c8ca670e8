"""Settings from the environment (and an optional `.env`), as SPEC section 7 lists them."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing import Annotated


def _bundled_faq_dir() -> Path:
    """The sample faq/ beside the package (a checkout, an editable install), else ./faq."""
    beside = Path(__file__).resolve().parent.parent / "faq"
    return beside if beside.is_dir() else Path("faq")


BUNDLED_FAQ_DIR = _bundled_faq_dir()
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{2,}$")


class Settings(BaseSettings):
    """Everything the bot can be configured with; tests build it from a plain mapping."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org", alias="TELEGRAM_API_BASE_URL"
    )
    db: Path = Field(default=Path("lianxin.sqlite3"), alias="LIANXIN_DB")
    faq_dir: Path = Field(default=BUNDLED_FAQ_DIR, alias="LIANXIN_FAQ_DIR")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="LIANXIN_ADMIN_IDS"
    )
    admin_chat_id: int | None = Field(default=None, alias="LIANXIN_ADMIN_CHAT_ID")
    case_prefix: str = Field(default="LX", alias="LIANXIN_CASE_PREFIX", pattern=r"^[A-Z0-9]{1,8}$")
    # How long a case may wait for Accept before a reminder, then escalation to the admin chat.
    remind_after_minutes: float = Field(default=120, alias="LIANXIN_REMIND_AFTER_MINUTES", gt=0)
    escalate_after_minutes: float = Field(default=1440, alias="LIANXIN_ESCALATE_AFTER_MINUTES", gt=0)
    # A resolved case that is not rated within this time is closed without a rating.
    rating_timeout_hours: float = Field(default=72, alias="LIANXIN_RATING_TIMEOUT_HOURS", gt=0)
    max_cases_per_day: int = Field(default=10, alias="LIANXIN_MAX_CASES_PER_DAY", ge=1)
    invite_valid_hours: float = Field(default=72, alias="LIANXIN_INVITE_VALID_HOURS", gt=0)
    # How often the bot looks for due reminders, escalations and edits of faq/ (seconds).
    maintenance_interval: float = Field(default=30, alias="LIANXIN_MAINTENANCE_INTERVAL", gt=0)
    faq_reload_interval: float = Field(default=5, alias="LIANXIN_FAQ_RELOAD_INTERVAL", gt=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @property
    def api_root(self) -> str:
        return self.telegram_api_base_url.rstrip("/")

    def token_problem(self) -> str | None:
        """A one-line reason why the token cannot work, or None."""
        if not self.telegram_bot_token:
            return "TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"
        if not TOKEN_PATTERN.match(self.telegram_bot_token):
            return "TELEGRAM_BOT_TOKEN is malformed: expected '<digits>:<letters>' as @BotFather gives it"
        return None
