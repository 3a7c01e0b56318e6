"""Read-only access to the skill's content at run time.

Reads compiled.json (written and validated by tools/build_content.py) once per
process. Plain named tuples (a tenth of a dataclass's creation cost at import),
stdlib only: no pydantic on the cold-start path.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple, TypeVar

COMPILED_PATH: Final = Path(__file__).with_name("compiled.json")
COMPILED_FORMAT: Final = 2  # schema.COMPILED_FORMAT of the files this code can read
COURSE_DAYS: Final = 28

T = TypeVar("T")


class ContentNotFoundError(KeyError):
    """A handler asked for a message or question id the content does not have."""

    def __str__(self) -> str:
        return f"no content named {self.args[0]!r}"


class Message(NamedTuple):
    section: str
    say: tuple[str, ...]
    reprompt: str | None = None


class Tip(NamedTuple):
    id: str
    section: str
    say: str
    day: int | None = None  # set for the 28 course days only


class Urge(NamedTuple):
    id: str
    section: str
    say: str
    needs_day: bool


class Question(NamedTuple):
    id: str
    section: str
    say: tuple[str, ...]


class Mistake(NamedTuple):
    number: int
    id: str
    section: str
    say: str


class Check(NamedTuple):
    id: str
    section: str
    ask: str
    if_no: str


class ExerciseStep(NamedTuple):
    say: str
    pause_after_ms: int  # quiet after the cue, 0..10,000


class ExerciseScript(NamedTuple):
    variant: str  # "full" | "quick"
    section: str
    steps: tuple[ExerciseStep, ...]
    closing_question: str


BEFORE_START_ID: Final = "before-start"


class HelpLine(NamedTuple):
    kind: str  # "crisis" | "abuse"
    name: str
    number: str
    spoken: str | None
    say: str  # plain text; {number} marks the number
    card: str


class SafetyLines(NamedTuple):
    """One locale's help lines and emergency number, with the words around them."""

    locale: str
    emergency: str
    emergency_spoken: str | None
    lines: tuple[HelpLine, ...]
    self_harm: tuple[str, ...]
    danger: tuple[str, ...]
    emergency_say: tuple[str, ...]
    ask_repeat: str
    ask_repeat_reprompt: str
    declined: tuple[str, ...]
    card_title: str
    card_emergency: str
    card_footer: str

    def of_kind(self, kind: str) -> tuple[HelpLine, ...]:
        return tuple(line for line in self.lines if line.kind == kind)


SAFETY_FALLBACK_LOCALE: Final = "en-US"


class Catalog:
    """Everything the skill can say, looked up by key, id or day."""

    def __init__(
        self,
        *,
        messages: Mapping[str, Message],
        before_start: Tip,
        day_tips: Sequence[Tip],
        after_tips: Sequence[Tip],
        keep_going_tips: Sequence[Tip],
        urges: Sequence[Urge],
        questions: Mapping[str, Question],
        mistakes: Sequence[Mistake],
        readiness: Sequence[Check],
        exercises: Sequence[ExerciseScript],
    ) -> None:
        if len(day_tips) != COURSE_DAYS or not keep_going_tips:
            raise ValueError("content needs 28 day tips and at least one keep-going tip")
        self._messages = dict(messages)
        self._before_start = before_start
        self._day_tips = tuple(day_tips)
        self._after_tips = tuple(after_tips)
        self._keep_going_tips = tuple(keep_going_tips)
        self._urges = tuple(urges)
        self._questions = dict(questions)
        self._mistakes = tuple(mistakes)
        self._readiness = tuple(readiness)
        self._exercises = {script.variant: script for script in exercises}
        self._safety: dict[str, SafetyLines] = {}

    def with_safety(self, data: Mapping[str, Any]) -> Catalog:
        """Adds the compiled safety section (per-locale help lines)."""
        for locale, entry in data["locale"].items():
            self._safety[locale] = _safety_lines(locale, entry, data)
        return self

    def safety(self, locale: str | None) -> SafetyLines:
        """The request locale's help lines; en-US's for a locale the content does not know."""
        found = self._safety.get(locale or "") or self._safety.get(SAFETY_FALLBACK_LOCALE)
        if found is None:
            raise ContentNotFoundError("safety")
        return found

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Catalog:
        """Build from the compiled.json structure (see schema.to_compiled)."""
        if data.get("format") != COMPILED_FORMAT:
            raise ValueError(f"compiled content format {data.get('format')!r} is not supported")
        tips = data["tips"]
        catalog = cls(
            messages={
                key: Message(m["section"], tuple(m["say"]), m.get("reprompt"))
                for key, m in data["messages"].items()
            },
            before_start=Tip(
                BEFORE_START_ID, tips["before_start"]["section"], tips["before_start"]["say"]
            ),
            day_tips=[Tip(t["id"], t["section"], t["say"], t["day"]) for t in tips["day"]],
            after_tips=[Tip(t["id"], t["section"], t["say"]) for t in tips["after"]],
            keep_going_tips=[Tip(t["id"], t["section"], t["say"]) for t in tips["keep_going"]],
            urges=[Urge(u["id"], u["section"], u["say"], u["needs_day"]) for u in data["urges"]],
            questions={
                qid: Question(qid, q["section"], tuple(q["say"]))
                for qid, q in data["questions"].items()
            },
            mistakes=[
                Mistake(m["number"], m["id"], m["section"], m["say"]) for m in data["mistakes"]
            ],
            readiness=[
                Check(c["id"], c["section"], c["ask"], c["if_no"]) for c in data["readiness"]
            ],
            exercises=[
                _exercise_script(variant, script) for variant, script in data["exercise"].items()
            ],
        )
        # Optional in the file so the format number stays 2; the build requires it.
        return catalog.with_safety(data["safety"]) if "safety" in data else catalog

    def message(self, key: str) -> Message:
        try:
            return self._messages[key]
        except KeyError as e:
            raise ContentNotFoundError(key) from e

    def tip_for_day(self, day: int) -> Tip:
        """Days 1-28 follow the course; then the `after` tips in order; then keep-going, rotating."""
        if day < 1:
            raise ValueError(f"day must be 1 or more, got {day}")
        if day <= COURSE_DAYS:
            return self._day_tips[day - 1]
        later = day - COURSE_DAYS - 1
        if later < len(self._after_tips):
            return self._after_tips[later]
        rotating = later - len(self._after_tips)
        return self._keep_going_tips[rotating % len(self._keep_going_tips)]

    def before_start_tip(self) -> Tip:
        return self._before_start

    def all_tips(self) -> tuple[Tip, ...]:
        return (
            self._before_start,
            *self._day_tips,
            *self._after_tips,
            *self._keep_going_tips,
        )

    def urges(self, *, with_day: bool = True) -> tuple[Urge, ...]:
        """Urge responses; with_day=False leaves out those that speak the day count."""
        if with_day:
            return self._urges
        return tuple(u for u in self._urges if not u.needs_day)

    def urge_after(self, last_id: str | None, *, with_day: bool, seed: str) -> Urge:
        """An urge response other than the one heard last time (same seed, same choice)."""
        candidates = self.urges(with_day=with_day)
        fresh = [u for u in candidates if u.id != last_id] or list(candidates)
        return choose(fresh, seed)

    def question(self, qid: str) -> Question:
        try:
            return self._questions[qid]
        except KeyError as e:
            raise ContentNotFoundError(qid) from e

    def question_ids(self) -> tuple[str, ...]:
        return tuple(self._questions)

    def mistakes(self) -> tuple[Mistake, ...]:
        return self._mistakes

    def readiness(self) -> tuple[Check, ...]:
        return self._readiness

    def exercise(self, variant: str) -> ExerciseScript:
        """The guided exercise script, "full" or "quick"."""
        try:
            return self._exercises[variant]
        except KeyError as e:
            raise ContentNotFoundError(variant) from e


def _exercise_script(variant: str, data: Mapping[str, Any]) -> ExerciseScript:
    return ExerciseScript(
        variant=variant,
        section=data["section"],
        steps=tuple(ExerciseStep(s["say"], s["pause_after_ms"]) for s in data["steps"]),
        closing_question=data["closing_question"],
    )


def _safety_lines(locale: str, entry: Mapping[str, Any], data: Mapping[str, Any]) -> SafetyLines:
    return SafetyLines(
        locale=locale,
        emergency=entry["emergency"],
        emergency_spoken=entry.get("emergency_spoken"),
        lines=tuple(
            HelpLine(
                line["kind"],
                line["name"],
                line["number"],
                line.get("spoken"),
                line["say"],
                line["card"],
            )
            for line in entry["line"]
        ),
        self_harm=tuple(data["self_harm"]["say"]),
        danger=tuple(data["danger"]["say"]),
        emergency_say=tuple(data["emergency"]["say"]),
        ask_repeat=data["ask_repeat"]["say"][0],
        ask_repeat_reprompt=data["ask_repeat"]["reprompt"],
        declined=tuple(data["declined"]["say"]),
        card_title=data["card"]["title"],
        card_emergency=data["card"]["emergency"],
        card_footer=data["card"]["footer"],
    )


@functools.cache
def load_catalog(path: Path = COMPILED_PATH) -> Catalog:
    """The catalog, read from disk once per process (warm Lambdas reuse it)."""
    with path.open(encoding="utf-8") as f:
        return Catalog.from_data(json.load(f))


def choose(variants: Sequence[T], seed: str) -> T:
    """Pick one variant, the same one for the same seed.

    Seed with something like f"{key}:{user}:{date}" so a repeat on the same day
    says the same words, while other days vary. crc32 is stable across
    processes, unlike hash().
    """
    if not variants:
        raise ValueError("no variants to choose from")
    return variants[zlib.crc32(seed.encode("utf-8")) % len(variants)]
