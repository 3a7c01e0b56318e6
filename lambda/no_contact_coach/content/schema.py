"""Pydantic models of content/*.toml, for the build and the tests only.

The runtime never imports this module (pydantic costs cold-start time); it reads
the compiled.json that tools/build_content.py writes after validating here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    model_validator,
)

from no_contact_coach.content.pronouns import PRONOUN_TOKENS, placeholders, render

Section = Literal[
    "rule",
    "rule.clouds",
    "rule.fill_life",
    "faq.ex_contacted",
    "faq.already_broke",
    "faq.bumped_into",
    "faq.new_partner",
    "faq.why_four_weeks",
    "faq.cruel",
    "mistakes.1",
    "mistakes.2",
    "mistakes.3",
    "mistakes.4",
    "mistakes.5",
    "mistakes.6",
    "mistakes.7",
    "mistakes.8",
    "stronger.detox",
    "stronger.write_down",
    "stronger.exercise",
    "stronger.friends",
    "stronger.passions",
    "stronger.vibe",
    "ready.checklist",
    "ready.ex_reaches_out",
    "reconnect.first_text",
    "reconnect.meeting",
    "care",
    "app",
]
SECTIONS: Final[tuple[str, ...]] = get_args(Section)
# "care" and "app" are ours, not the guide's: every other tag must be taught somewhere.
GUIDE_SECTIONS: Final[tuple[str, ...]] = tuple(s for s in SECTIONS if s not in {"care", "app"})

MAX_WORDS: Final = 50
COURSE_DAYS: Final = 28

# One realistic value per non-pronoun placeholder; used to render every text
# while validating, so a broken template fails the build, not a user's session.
SAMPLE_VALUES: Final[Mapping[str, object]] = {
    "day": 17,
    "days_left": 11,
    "longest": 23,
    "slips": 2,
    "urges": 14,
    "exercises": 6,
    "kept": 9,
    "new_day": 12,
    "months": 3,
    "date": "Sunday, November 22nd",
    # Issue 9: a reason as a person might word it, the list's size, the timer's length.
    "reason": "they never listened when I needed them to",
    "count": 12,
    "minutes": 15,
    "time": "7:30 a.m.",
}
VALUE_NAMES: Final = frozenset(SAMPLE_VALUES)
ALL_PLACEHOLDERS: Final = PRONOUN_TOKENS | VALUE_NAMES

KEBAB_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SNAKE_ID = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class MessageSpec:
    """What one messages.toml key may contain."""

    question: bool = False
    allowed: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()


def _spec(question: bool = False, allowed: str = "", required: str = "") -> MessageSpec:
    names = frozenset(allowed.split())
    return MessageSpec(question, names | frozenset(required.split()), frozenset(required.split()))


# Every key the handlers may ask for. Pronoun tokens are allowed everywhere.
MESSAGE_SPECS: Final[Mapping[str, MessageSpec]] = {
    "welcome_new": _spec(),
    "welcome_back": _spec(required="day"),
    "ask_start": _spec(question=True),
    "start_declined": _spec(),
    "ask_tip": _spec(question=True),
    "ask_exercise": _spec(question=True),
    "ask_anything_else": _spec(question=True),
    "start_saved_today": _spec(),
    "start_saved_date": _spec(allowed="date", required="day"),
    "start_confirm_date": _spec(question=True, required="date day"),
    "start_confirm_restart": _spec(question=True, required="day"),
    "start_confirm_restart_date": _spec(question=True, allowed="day date", required="new_day"),
    "start_kept": _spec(required="day"),
    "date_future": _spec(),
    "date_too_old": _spec(),
    "date_unclear": _spec(question=True),
    "what_day": _spec(allowed="days_left", required="day"),
    "what_day_goal": _spec(allowed="day"),
    "what_day_beyond": _spec(required="day"),
    "no_journey": _spec(),
    "slip_confirm": _spec(question=True),
    "slip_restarted": _spec(allowed="kept longest slips"),
    "slip_kept": _spec(required="day"),
    "slip_no_journey": _spec(),
    "urge_no_journey_note": _spec(),
    "progress": _spec(allowed="longest slips urges exercises", required="day"),
    "progress_no_journey": _spec(),
    "pronoun_ask": _spec(question=True),
    "pronoun_set": _spec(),
    "pronoun_unclear": _spec(question=True),
    "help": _spec(),
    "goodbye": _spec(),
    "fallback": _spec(),
    "error": _spec(),
    "storage_down": _spec(),
    "storage_busy": _spec(),
    "journey_unreadable": _spec(),
    "delete_confirm": _spec(question=True),
    "delete_done": _spec(),
    "delete_kept": _spec(),
    "delete_nothing": _spec(),
    "nothing_to_repeat": _spec(),
    "yes_without_question": _spec(),
    "no_without_question": _spec(),
    "milestone_1": _spec(),
    "milestone_3": _spec(),
    "milestone_7": _spec(),
    "milestone_14": _spec(),
    "milestone_21": _spec(),
    "milestone_28": _spec(),
    "milestone_month": _spec(required="months"),
    "mistakes_intro": _spec(),
    "mistakes_next": _spec(question=True),
    "mistakes_done": _spec(),
    "ready_before_goal": _spec(allowed="days_left"),
    "ready_intro": _spec(),
    "ready_all_yes": _spec(),
    "ready_not_yet": _spec(),
    "exercise_offer_declined": _spec(),
    # Your own reasons, and waiting out an urge (issue 9).
    "reason_confirm": _spec(question=True, required="reason"),
    "reason_saved": _spec(required="count"),
    "reason_discarded": _spec(),
    "reason_missing": _spec(question=True),
    "reason_too_long": _spec(question=True),
    "reason_duplicate": _spec(),
    "reason_list_full": _spec(required="count"),
    "reasons_none": _spec(),
    "reasons_intro": _spec(required="count"),
    "reasons_more": _spec(question=True),
    "reasons_end": _spec(),
    "reason_delete_confirm": _spec(question=True, required="reason"),
    "reason_deleted": _spec(required="count"),
    "reason_kept": _spec(),
    "reasons_clear_confirm": _spec(question=True, required="count"),
    "reasons_cleared": _spec(),
    "reasons_clear_kept": _spec(),
    "urge_reason": _spec(question=True, required="reason"),
    "urge_reason_ask_aloud": _spec(question=True),
    "reason_still_true": _spec(),
    "reason_not_true": _spec(),
    "ask_wait_or_exercise": _spec(question=True, required="minutes"),
    "wait_started": _spec(required="minutes"),
    "wait_counted": _spec(),
    "wait_timer_label": _spec(),
    "wait_timer_announce": _spec(required="minutes"),
    "wait_needs_permission": _spec(),
    "wait_failed": _spec(),
    # The daily reminder (Reminders API).
    "reminder_set": _spec(required="time"),
    "reminder_ask_time": _spec(question=True),
    "reminder_permission": _spec(),
    "reminder_failed": _spec(),
    "reminder_text": _spec(),
    "reminder_stopped": _spec(),
    "reminder_none": _spec(),
    "reminder_stop_failed": _spec(),
    # Echo Show screen texts (shown, not spoken).
    "screen_day": _spec(required="day"),
    "screen_days_left": _spec(required="days_left"),
    "screen_goal_reached": _spec(),
    "screen_not_started": _spec(),
}

QUESTION_IDS: Final = (
    "ex_contacted",
    "already_broke",
    "bumped_into",
    "new_partner",
    "why_four_weeks",
    "is_it_cruel",
    "what_to_do",
    "reply_if_they_reach_out",
    "first_text",
    "meeting_again",
)

MIN_URGES: Final = 14
READINESS_CHECKS: Final = 6
MISTAKES: Final = 8


# --- text rules --------------------------------------------------------------


def word_count(text: str) -> int:
    return len(text.split())


def _plain_text(text: str) -> str:
    """Rules for every spoken text, whatever file it is in."""
    if not text.strip():
        raise ValueError("text is empty")
    if "<" in text or ">" in text:
        raise ValueError("text must be plain, not SSML (no < or >)")
    for _, name, spec, conversion in _fields(text):
        if name is None:  # a literal run of text with no field after it
            continue
        if name == "" or name.isdigit():
            raise ValueError("placeholders must be named, like {day}")
        if spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must not carry a format spec")
        if name not in ALL_PLACEHOLDERS:
            raise ValueError(f"unknown placeholder {{{name}}}")
    # Longest realistic reading: "your ex" forms and sample numbers filled in.
    words = word_count(render(text, None, **SAMPLE_VALUES))
    if words > MAX_WORDS:
        raise ValueError(f"text has {words} words; the limit is {MAX_WORDS}")
    return text


def _fields(text: str) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    try:
        yield from Formatter().parse(text)
    except ValueError as e:
        raise ValueError(f"bad braces in text: {e}") from e


def check_text(
    text: str,
    *,
    allowed: Iterable[str] = (),
    question: bool,
    where: str,
    required: Iterable[str] = (),
) -> None:
    """Context rules: which values a text may use, and whether it is a question."""
    names = placeholders(text) - PRONOUN_TOKENS
    extra = names - frozenset(allowed) - frozenset(required)
    if extra:
        raise ValueError(f"{where}: placeholders not allowed here: {sorted(extra)}")
    missing = frozenset(required) - names
    if missing:
        raise ValueError(f"{where}: must use {sorted(missing)}")
    ends_with_question = text.rstrip().endswith("?")
    if question and not ends_with_question:
        raise ValueError(f"{where}: is a question and must end with '?'")
    if not question and ends_with_question:
        raise ValueError(f"{where}: must not end with a question (the code appends one)")


Text = Annotated[str, AfterValidator(_plain_text)]
KebabId = Annotated[str, StringConstraints(pattern=KEBAB_ID)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- messages.toml -------------------------------------------------------------


class MessageEntry(_Model):
    section: Section
    say: list[Text] = Field(min_length=1, max_length=3)
    reprompt: Text | None = None


class MessagesFile(RootModel[dict[str, MessageEntry]]):
    @model_validator(mode="after")
    def _keys_and_texts(self) -> MessagesFile:
        keys = set(self.root)
        missing, unknown = set(MESSAGE_SPECS) - keys, keys - set(MESSAGE_SPECS)
        if missing:
            raise ValueError(f"messages missing: {sorted(missing)}")
        if unknown:
            raise ValueError(f"unknown message keys: {sorted(unknown)}")
        for key, entry in self.root.items():
            spec = MESSAGE_SPECS[key]
            for i, text in enumerate(entry.say):
                check_text(
                    text,
                    allowed=spec.allowed,
                    required=spec.required,
                    question=spec.question,
                    where=f"{key}.say[{i}]",
                )
            if len(set(entry.say)) != len(entry.say):
                raise ValueError(f"{key}: variants repeat each other")
            if entry.reprompt is not None:
                if not spec.question:
                    raise ValueError(f"{key}: only question keys may have a reprompt")
                check_text(
                    entry.reprompt,
                    allowed=spec.allowed | spec.required,
                    question=True,
                    where=f"{key}.reprompt",
                )
        return self


# --- tips.toml -----------------------------------------------------------------


class BeforeStartTip(_Model):
    section: Section
    say: Text

    @model_validator(mode="after")
    def _no_day(self) -> BeforeStartTip:
        check_text(self.say, question=False, where="before_start")
        return self


class DayTip(_Model):
    day: int = Field(ge=1, le=COURSE_DAYS)
    id: KebabId
    section: Section
    say: Text

    @model_validator(mode="after")
    def _rules(self) -> DayTip:
        check_text(self.say, allowed={"day"}, question=False, where=self.id)
        return self


class LaterTip(_Model):
    id: KebabId
    section: Section
    say: Text

    @model_validator(mode="after")
    def _rules(self) -> LaterTip:
        check_text(self.say, allowed={"day"}, question=False, where=self.id)
        return self


class TipsFile(_Model):
    before_start: BeforeStartTip
    day: list[DayTip]
    after: list[LaterTip] = Field(default_factory=list)
    keep_going: list[LaterTip] = Field(min_length=1)

    @model_validator(mode="after")
    def _course_days(self) -> TipsFile:
        days = [tip.day for tip in self.day]
        counts = Counter(days)
        twice = sorted(d for d, n in counts.items() if n > 1)
        absent = sorted(set(range(1, COURSE_DAYS + 1)) - set(days))
        if twice or absent:
            raise ValueError(f"days 1..28 exactly once each; repeated {twice}, missing {absent}")
        if days != sorted(days):
            raise ValueError("day tips must be listed in course order")
        return self

    def with_ids(self) -> list[DayTip | LaterTip]:
        """Every tip that has an id: the course days, then `after`, then `keep_going`."""
        return [*self.day, *self.after, *self.keep_going]


# --- urges.toml ----------------------------------------------------------------


class UrgeEntry(_Model):
    id: KebabId
    section: Section
    say: Text
    needs_day: bool

    @model_validator(mode="after")
    def _day_only_when_needed(self) -> UrgeEntry:
        check_text(
            self.say,
            required={"day"} if self.needs_day else (),
            question=False,
            where=self.id,
        )
        return self


class UrgesFile(_Model):
    urge: list[UrgeEntry] = Field(min_length=MIN_URGES)

    @model_validator(mode="after")
    def _distinct(self) -> UrgesFile:
        if len({u.say for u in self.urge}) != len(self.urge):
            raise ValueError("urge responses must be distinct")
        if len([u for u in self.urge if not u.needs_day]) < MIN_URGES // 2:
            raise ValueError("too few urge responses that work without a day count")
        return self


# --- questions.toml ------------------------------------------------------------


class QuestionEntry(_Model):
    section: Section
    say: list[Text] = Field(min_length=1, max_length=2)


class QuestionsFile(RootModel[dict[str, QuestionEntry]]):
    @model_validator(mode="after")
    def _ids_and_texts(self) -> QuestionsFile:
        keys = set(self.root)
        if keys != set(QUESTION_IDS):
            raise ValueError(
                f"questions missing {sorted(set(QUESTION_IDS) - keys)}, "
                f"unknown {sorted(keys - set(QUESTION_IDS))}"
            )
        for qid, entry in self.root.items():
            for i, text in enumerate(entry.say):
                check_text(text, question=False, where=f"{qid}.say[{i}]")
        return self


# --- mistakes.toml -------------------------------------------------------------


class MistakeEntry(_Model):
    number: int = Field(ge=1, le=MISTAKES)
    id: KebabId
    section: Section
    say: Text

    @model_validator(mode="after")
    def _section_matches(self) -> MistakeEntry:
        if self.section != f"mistakes.{self.number}":
            raise ValueError(f"{self.id}: section must be mistakes.{self.number}")
        check_text(self.say, question=False, where=self.id)
        return self


class MistakesFile(_Model):
    mistake: list[MistakeEntry]

    @model_validator(mode="after")
    def _one_to_eight(self) -> MistakesFile:
        if [m.number for m in self.mistake] != list(range(1, MISTAKES + 1)):
            raise ValueError("mistakes must be numbered 1 to 8, in order, once each")
        return self


# --- readiness.toml ------------------------------------------------------------


class CheckEntry(_Model):
    id: KebabId
    section: Literal["ready.checklist"]
    ask: Text
    if_no: Text

    @model_validator(mode="after")
    def _ask_is_a_question(self) -> CheckEntry:
        check_text(self.ask, question=True, where=f"{self.id}.ask")
        check_text(self.if_no, question=False, where=f"{self.id}.if_no")
        return self


class ReadinessFile(_Model):
    check: list[CheckEntry] = Field(min_length=READINESS_CHECKS, max_length=READINESS_CHECKS)


# --- exercise.toml -------------------------------------------------------------

EXERCISE_VARIANTS: Final = ("full", "quick")
# One APLA Silence or one SSML <break> each, and Alexa allows at most 10 s of either.
MAX_PAUSE_MS: Final = 10_000


class ExerciseStepEntry(_Model):
    say: Text
    # Strict: a TOML float or boolean here is a typo, not a length of quiet.
    pause_after_ms: Annotated[int, Field(strict=True, ge=0, le=MAX_PAUSE_MS)] = 0


class ExerciseVariant(_Model):
    section: Section
    step: list[ExerciseStepEntry] = Field(min_length=1)
    closing_question: Text


class ExerciseFile(_Model):
    full: ExerciseVariant
    quick: ExerciseVariant

    @model_validator(mode="after")
    def _texts(self) -> ExerciseFile:
        for name, variant in self.variants():
            # A cue is heard while the microphone is closed, so only the closing
            # question may ask anything; no cue takes values beyond pronouns.
            for i, step in enumerate(variant.step):
                check_text(step.say, question=False, where=f"{name}.step[{i}]")
            check_text(variant.closing_question, question=True, where=f"{name}.closing_question")
        return self

    def variants(self) -> list[tuple[str, ExerciseVariant]]:
        return [(name, getattr(self, name)) for name in EXERCISE_VARIANTS]


# --- safety.toml -------------------------------------------------------------

# Every locale the skill is published in; each needs its own lines and emergency number.
SAFETY_LOCALES: Final = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
PHONE_NUMBER = r"^[0-9]+([ -][0-9]+)*$"
PhoneNumber = Annotated[str, StringConstraints(pattern=PHONE_NUMBER)]


def _safety_text(text: str, *, number: bool, question: bool = False, where: str) -> None:
    """Plain, short, and {number} exactly where a phone number is spoken."""
    _plain_safety(text)
    names = {name for _, name, _, _ in _fields(text) if name is not None}
    expected = {"number"} if number else set()
    if names != expected:
        raise ValueError(f"{where}: placeholders must be {sorted(expected)}, not {sorted(names)}")
    if text.rstrip().endswith("?") != question:
        raise ValueError(f"{where}: {'must' if question else 'must not'} end with a question")


def _plain_safety(text: str) -> str:
    if not text.strip():
        raise ValueError("text is empty")
    if "<" in text or ">" in text:
        raise ValueError("text must be plain, not SSML (no < or >)")
    if word_count(text) > MAX_WORDS:
        raise ValueError(f"text has {word_count(text)} words; the limit is {MAX_WORDS}")
    return text


SafetyText = Annotated[str, AfterValidator(_plain_safety)]


class SafetyMessage(_Model):
    section: Literal["care"]
    say: list[SafetyText] = Field(min_length=1, max_length=3)
    reprompt: SafetyText | None = None


class HelpLine(_Model):
    kind: Literal["crisis", "abuse"]
    name: SafetyText
    number: PhoneNumber
    # How the number is said when digit by digit is not how people know it ("triple zero").
    spoken: SafetyText | None = None
    say: SafetyText
    card: SafetyText

    @model_validator(mode="after")
    def _rules(self) -> HelpLine:
        _safety_text(self.say, number=True, where=f"{self.name}.say")
        if self.number not in self.card:
            raise ValueError(f"{self.name}: the card must show the number {self.number}")
        return self


class SafetyLocale(_Model):
    emergency: PhoneNumber
    emergency_spoken: SafetyText | None = None
    line: list[HelpLine] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_crisis_line(self) -> SafetyLocale:
        if not any(line.kind == "crisis" for line in self.line):
            raise ValueError("every locale needs a crisis line")
        return self


class SafetyCard(_Model):
    title: SafetyText
    emergency: SafetyText
    footer: SafetyText

    @model_validator(mode="after")
    def _rules(self) -> SafetyCard:
        _safety_text(self.emergency, number=True, where="card.emergency")
        _safety_text(self.footer, number=False, where="card.footer")
        return self


class SafetyFile(_Model):
    """What the skill says when someone is not safe: before anything else, in every locale."""

    self_harm: SafetyMessage
    danger: SafetyMessage
    emergency: SafetyMessage
    ask_repeat: SafetyMessage
    declined: SafetyMessage
    card: SafetyCard
    locale: dict[str, SafetyLocale]

    @model_validator(mode="after")
    def _rules(self) -> SafetyFile:
        if set(self.locale) != set(SAFETY_LOCALES):
            raise ValueError(
                f"safety lines needed for exactly {sorted(SAFETY_LOCALES)}, got {sorted(self.locale)}"
            )
        for key in ("self_harm", "danger", "declined"):
            for i, text in enumerate(getattr(self, key).say):
                _safety_text(text, number=False, where=f"{key}.say[{i}]")
        for i, text in enumerate(self.emergency.say):
            _safety_text(text, number=True, where=f"emergency.say[{i}]")
        for i, text in enumerate(self.ask_repeat.say):
            _safety_text(text, number=False, question=True, where=f"ask_repeat.say[{i}]")
        if self.ask_repeat.reprompt is None:
            raise ValueError("ask_repeat needs a reprompt")
        _safety_text(self.ask_repeat.reprompt, number=False, question=True, where="reprompt")
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        for key in ("self_harm", "danger", "emergency", "ask_repeat", "declined"):
            message: SafetyMessage = getattr(self, key)
            for i, text in enumerate(message.say):
                yield f"safety.{key}[{i}]", text
            if message.reprompt is not None:
                yield f"safety.{key}.reprompt", message.reprompt
        for locale, entry in self.locale.items():
            for i, line in enumerate(entry.line):
                yield f"safety.{locale}.line[{i}]", line.say


# --- everything together -------------------------------------------------------


class ContentBundle(_Model):
    messages: MessagesFile
    tips: TipsFile
    urges: UrgesFile
    questions: QuestionsFile
    mistakes: MistakesFile
    readiness: ReadinessFile
    exercise: ExerciseFile
    safety: SafetyFile

    @model_validator(mode="after")
    def _ids_unique_everywhere(self) -> ContentBundle:
        counts = Counter(self.ids())
        repeated = sorted(i for i, n in counts.items() if n > 1)
        if repeated:
            raise ValueError(f"ids used more than once: {repeated}")
        return self

    def ids(self) -> list[str]:
        """Every id and key, so handlers and logs can name any item unambiguously."""
        tips = self.tips
        return [
            *self.messages.root,
            *self.questions.root,
            *(t.id for t in tips.with_ids()),
            *(u.id for u in self.urges.urge),
            *(m.id for m in self.mistakes.mistake),
            *(c.id for c in self.readiness.check),
        ]

    def sections(self) -> set[str]:
        """Every section tag some item carries."""
        tips = self.tips
        return {
            *(m.section for m in self.messages.root.values()),
            *(q.section for q in self.questions.root.values()),
            tips.before_start.section,
            *(t.section for t in tips.with_ids()),
            *(u.section for u in self.urges.urge),
            *(m.section for m in self.mistakes.mistake),
            *(c.section for c in self.readiness.check),
            *(v.section for _, v in self.exercise.variants()),
        }

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, template) for every spoken text, for tests that render them all."""
        for key, msg in self.messages.root.items():
            for i, text in enumerate(msg.say):
                yield f"messages.{key}[{i}]", text
            if msg.reprompt is not None:
                yield f"messages.{key}.reprompt", msg.reprompt
        yield "tips.before_start", self.tips.before_start.say
        for tip in self.tips.with_ids():
            yield f"tips.{tip.id}", tip.say
        for urge in self.urges.urge:
            yield f"urges.{urge.id}", urge.say
        for qid, q in self.questions.root.items():
            for i, text in enumerate(q.say):
                yield f"questions.{qid}[{i}]", text
        for mistake in self.mistakes.mistake:
            yield f"mistakes.{mistake.id}", mistake.say
        for check in self.readiness.check:
            yield f"readiness.{check.id}.ask", check.ask
            yield f"readiness.{check.id}.if_no", check.if_no
        for name, variant in self.exercise.variants():
            for i, step in enumerate(variant.step):
                yield f"exercise.{name}.step[{i}]", step.say
            yield f"exercise.{name}.closing_question", variant.closing_question


# 2: adds "exercise". catalog.py refuses any other number, so a stale file fails loudly.
COMPILED_FORMAT: Final = 2


def to_compiled(bundle: ContentBundle) -> dict[str, Any]:
    """The plain structure catalog.py reads at run time (compiled.json)."""
    data = bundle.model_dump(mode="json")
    return {
        "format": COMPILED_FORMAT,
        "messages": data["messages"],
        "questions": data["questions"],
        "tips": data["tips"],
        "urges": data["urges"]["urge"],
        "mistakes": data["mistakes"]["mistake"],
        "readiness": data["readiness"]["check"],
        "exercise": {
            name: {
                "section": variant["section"],
                "steps": variant["step"],
                "closing_question": variant["closing_question"],
            }
            for name, variant in data["exercise"].items()
        },
        # Read with .get() at run time, so the format number stays 2.
        "safety": data["safety"],
    }
