"""The hate-specific risk and vulnerability assessment: questions, weights and levels.

Pure Python (no Django), so the scoring can be read, tested and changed on its own. The
wording shown to staff lives with the form (``awaz.cases.forms.risk``), keyed by the codes
here; services store the answers, the score and the level.

How the level is worked out (documented thresholds, reviewed by the partnership):

- every answer carries points (``Question.options``); "not known" scores nothing;
- a score of ``MEDIUM_FROM`` (7) or more is **medium**, ``HIGH_FROM`` (14) or more **high**;
- some answers make the level **high whatever the score** (``Question.immediate_high``):
  a threat to kill or of serious harm;
- the assessor may then override the level with a reason (professional judgement); that
  happens in the service, not here.

The maximum score is 28. Hate-crime research advises a separate, short, three-level tool
(standard, medium, high) with room for professional judgement, updated over time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

STANDARD = "standard"
MEDIUM = "medium"
HIGH = "high"
LEVELS = (STANDARD, MEDIUM, HIGH)

MEDIUM_FROM = 7
HIGH_FROM = 14

YES = "yes"
NO = "no"
NOT_KNOWN = "not_known"


@dataclass(frozen=True)
class Question:
    """One question: its code, the answers allowed with their points, and the answers
    that make the level high whatever the score."""

    code: str
    options: tuple[tuple[str, int], ...]
    immediate_high: frozenset[str] = frozenset()

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _points in self.options)

    def points(self, answer: str) -> int:
        return dict(self.options)[answer]


def _question(code: str, points: int, *, immediate: bool = False) -> Question:
    """A yes / no / not known question scoring ``points`` for yes."""
    return Question(
        code=code,
        options=((YES, points), (NO, 0), (NOT_KNOWN, 0)),
        immediate_high=frozenset({YES} if immediate else ()),
    )


QUESTIONS: tuple[Question, ...] = (
    _question("repeat_victimisation", 3),
    _question("threats_serious_harm", 5, immediate=True),
    _question("physical_injury", 3),
    _question("perpetrator_known_nearby", 2),
    _question("unsafe_at_home", 3),
    _question("vulnerability", 2),
    _question("escalation", 3),
    _question("children_affected", 2),
    _question("community_tension", 2),
    Question(
        code="fear_level",
        options=(("not_afraid", 0), ("somewhat_afraid", 1), ("very_afraid", 3), (NOT_KNOWN, 0)),
    ),
)
QUESTION_CODES = tuple(q.code for q in QUESTIONS)
MAX_SCORE = sum(max(points for _value, points in q.options) for q in QUESTIONS)


@dataclass(frozen=True)
class RiskScore:
    """The outcome of scoring: the total, the level it gives, and the questions whose
    answers made it high regardless of the total (empty if none)."""

    score: int
    level: str
    immediate_high: tuple[str, ...]


class InvalidAnswers(ValueError):
    """Some questions were not answered, or an answer is not one of the options."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(f"missing or invalid answers: {', '.join(codes)}")


def level_for_score(score: int) -> str:
    if score >= HIGH_FROM:
        return HIGH
    if score >= MEDIUM_FROM:
        return MEDIUM
    return STANDARD


def score_answers(answers: Mapping[str, str]) -> RiskScore:
    """Score a complete set of answers (question code -> answer value).

    Raises ``InvalidAnswers`` naming every question unanswered or answered with a value
    that is not one of its options; unknown codes are ignored.
    """
    bad = [q.code for q in QUESTIONS if answers.get(q.code) not in q.values]
    if bad:
        raise InvalidAnswers(bad)
    score = sum(q.points(answers[q.code]) for q in QUESTIONS)
    immediate = tuple(q.code for q in QUESTIONS if answers[q.code] in q.immediate_high)
    level = HIGH if immediate else level_for_score(score)
    return RiskScore(score=score, level=level, immediate_high=immediate)


def level_rank(level: str) -> int:
    """0 for standard, 1 for medium, 2 for high (for comparing levels)."""
    return LEVELS.index(level)
