"""Fault injection: make chosen API calls fail the way Telegram or the network sometimes does."""

from __future__ import annotations

from dataclasses import dataclass

from .state import ApiError

KINDS = ("retry_after", "server_error", "bad_gateway", "timeout", "drop", "bad_request")


@dataclass
class FaultRule:
    """Fires for `times` matching requests, then disappears."""

    method: str
    kind: str
    chat_id: int | None = None
    times: int = 1
    retry_after: int = 2
    delay: float = 10.0
    description: str = "Bad Request: injected failure"

    def matches(self, method: str, params: dict) -> bool:
        if self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)

    def error(self) -> ApiError:
        """The answer for error kinds ("timeout" and "drop" are handled by the server)."""
        if self.kind == "retry_after":
            return ApiError(429, f"Too Many Requests: retry after {self.retry_after}",
                            {"retry_after": self.retry_after})
        if self.kind == "server_error":
            return ApiError(500, "Internal Server Error")
        if self.kind == "bad_gateway":
            return ApiError(502, "Bad Gateway")
        return ApiError(400, self.description)


class Faults:
    """Ordered rule list; the first matching rule wins."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []

    def add(self, method: str, kind: str, chat_id: int | None = None, times: int = 1, retry_after: int = 2,
            delay: float = 10.0, description: str = "Bad Request: injected failure") -> FaultRule:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {KINDS}")
        rule = FaultRule(method, kind, chat_id, times, retry_after, delay, description)
        self.rules.append(rule)
        return rule

    def take(self, method: str, params: dict) -> FaultRule | None:
        for rule in self.rules:
            if rule.matches(method, params):
                rule.times -= 1
                if rule.times <= 0:
                    self.rules.remove(rule)
                return rule
        return None

    def clear(self) -> None:
        self.rules.clear()

    def __len__(self) -> int:
        return len(self.rules)
