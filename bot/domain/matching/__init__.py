"""Matching residents' free text against the knowledge base (no telegram imports here)."""

from .matcher import Candidate, Match, Matcher

__all__ = ["Candidate", "Match", "Matcher"]
