"""A small stand-in for Alexa's NLU, so the local chat can turn typed lines into intents.

The resolver reads the same interaction model Alexa builds from
(``interaction_model/interactionModels/custom/en-US.json``) and answers with
what Alexa would put in ``request.intent``: the intent name and its slots,
custom slot values resolved to their entity id and canonical name.

Matching happens in two passes over every sample utterance, compiled once:

1. exact: the line is a sample with each ``{slot}`` replaced by a known value
   of its type (or, for AMAZON.DATE, a phrase that parses as a date);
2. fuzzy: a token alignment that forgives a missing or extra word, a filler
   ("please", "um"), a one-letter typo ("txt") or an unlisted slot value,
   scored 0..1; below ``MATCH_THRESHOLD`` the line is AMAZON.FallbackIntent.

An ``AMAZON.SearchQuery`` slot takes any run of words after its carrier phrase,
as Alexa's does; its value is the line's own text for that run (case and
punctuation kept), so what a person typed is what the skill receives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .amazon_date import DATE_FIRST_WORDS, DATE_VOCABULARY, MAX_DATE_TOKENS, parse_amazon_date
from .amazon_time import MAX_TIME_TOKENS, TIME_FIRST_WORDS, TIME_VOCABULARY, parse_amazon_time
from .number_words import SMALL, TENS

FALLBACK_INTENT = "AMAZON.FallbackIntent"
DATE_TYPE = "AMAZON.DATE"
TIME_TYPE = "AMAZON.TIME"
SEARCH_QUERY_TYPE = "AMAZON.SearchQuery"
# The chat has no real skill id; the authority string only has to look like Alexa's.
LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"

MATCH_THRESHOLD = 0.72
# Fuzzy alignment costs, in "words": a wrong or missing word costs 1.
_FILLER_COST = 0.3
_TRAILING_WORD_COST = 0.5  # "i bumped into him at the gym": the tail adds detail, not doubt
_TYPO_COST = 0.3
_MISSING_SLOT_COST = 0.6
_UNLISTED_VALUE_COST = 1.0
_UNLISTED_EXTRA_TOKEN_COST = 0.4
_UNLISTED_VALUE_MAX_TOKENS = 3
# Samples sharing the most words with the line get the (costly) alignment; long lines
# cost more per alignment, so they get fewer, which keeps resolve() within a few ms.
_FUZZY_CANDIDATES = 24
_FUZZY_CANDIDATES_LONG_LINE = 10
_LONG_LINE_TOKENS = 12

_FILLERS = frozenset(
    {"please", "um", "uh", "umm", "erm", "hmm", "just", "so", "like", "well", "hey", "oh", "now"}
)
_INVOCATION = ("no", "contact", "coach")
_INVOCATION_VERBS = frozenset({"ask", "tell", "open", "launch", "start", "begin", "use"})
_CONNECTORS = frozenset({"to", "for", "that", "about", "if", "whether", "and"})

# Alexa's built-in intents carry their own training data; these are the phrases the
# chat needs. Samples the model adds to a built-in intent are used as well.
BUILT_IN_SAMPLES: Mapping[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "okay",
        "ok",
        "please do",
        "yes please",
        "of course",
        "sounds good",
        "alright",
        "let's do it",
        "go ahead",
    ),
    "AMAZON.NoIntent": (
        "no",
        "nope",
        "nah",
        "not now",
        "no thanks",
        "no thank you",
        "not really",
        "not today",
    ),
    "AMAZON.StopIntent": ("stop", "quit", "exit", "goodbye", "good bye", "bye", "that's all"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it"),
    "AMAZON.HelpIntent": (
        "help",
        "help me",
        "what can i say",
        "what can you do",
        "how does this work",
    ),
    "AMAZON.RepeatIntent": (
        "repeat",
        "repeat that",
        "say that again",
        "what did you say",
        "come again",
        "pardon",
    ),
    "AMAZON.NextIntent": ("next", "go on", "continue", "keep going"),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "main menu", "start over"),
}

# Subject pronouns glued to a verb: "she's seeing someone" must reach "{ex} is seeing".
_CONTRACTIONS: Mapping[str, tuple[str, ...]] = {
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "theyre": ("they", "are"),
}
_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-w\d{2}(?:-we)?|[a-z0-9]+(?:'[a-z]+)*")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SlotFill:
    """What Alexa puts in ``request.intent.slots[name]``."""

    name: str
    value: str | None
    resolved_id: str | None = None
    resolved_name: str | None = None
    type_name: str | None = None


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: dict[str, SlotFill]
    score: float


def normalize(text: str) -> list[str]:
    """Lowercase words without punctuation, as a speech recogniser would hand them over.

    Apostrophes vanish so "what's" == "whats"; "she's" becomes "she is"; numbers
    up to 99 are spelled out ("4 weeks" == "four weeks"). Literal ISO dates
    ("2026-11-22") and weeks ("2026-W47") stay whole tokens.
    """
    return [token for token, _, _ in _located_tokens(text)]


def _located_tokens(text: str) -> list[tuple[str, int, int]]:
    """normalize(), with each token's (start, end) in `text` (shared by a split contraction)."""
    tokens: list[tuple[str, int, int]] = []
    # lower() and the apostrophe swap keep every offset: both map one character to one.
    for match in _TOKEN.finditer(text.lower().replace("\u2019", "'")):
        token, start, end = match.group().replace("'", ""), match.start(), match.end()
        if token in _CONTRACTIONS:
            tokens.extend((word, start, end) for word in _CONTRACTIONS[token])
        elif token.isdigit() and len(token) <= 2:
            tokens.extend((word, start, end) for word in _spell_number(int(token)))
        else:
            tokens.append((token, start, end))
    return tokens


def _spell_number(number: int) -> list[str]:
    if number < 20:
        return [SMALL[number]]
    tens, units = divmod(number, 10)
    return [TENS[tens]] + ([SMALL[units]] if units else [])


def strip_invocation(tokens: Sequence[str]) -> list[str]:
    """Drop "alexa" and "ask/tell/open no contact coach (to|for|that...)" around the request."""
    rest = list(tokens)
    if rest[:1] == ["alexa"]:
        rest = rest[1:]
    if len(rest) > 3 and rest[0] in _INVOCATION_VERBS and tuple(rest[1:4]) == _INVOCATION:
        rest = rest[4:]
    elif tuple(rest[:3]) == _INVOCATION:
        rest = rest[3:]
    else:
        return rest
    if rest[:1] and rest[0] in _CONNECTORS:
        rest = rest[1:]
    return rest


def is_launch(utterance: str) -> bool:
    """True for a bare "Alexa, open No Contact Coach": a LaunchRequest, not an intent."""
    tokens = normalize(utterance)
    if tokens[:1] == ["alexa"]:
        tokens = tokens[1:]
    if tokens[:1] and tokens[0] in _INVOCATION_VERBS | {"talk"}:
        tokens = tokens[2:] if tokens[:2] == ["talk", "to"] else tokens[1:]
    return tuple(tokens) == _INVOCATION


def slots_to_envelope(
    slots: Mapping[str, SlotFill], *, skill_id: str = LOCAL_SKILL_ID
) -> dict[str, dict[str, Any]]:
    """The JSON of ``request.intent.slots`` as Alexa sends it, entity resolution included."""
    envelope: dict[str, dict[str, Any]] = {}
    for name, fill in slots.items():
        entry: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if fill.value is not None:
            entry["value"] = fill.value
            entry["source"] = "USER"
            slot_value: dict[str, Any] = {"type": "Simple", "value": fill.value}
            if fill.type_name and not fill.type_name.startswith("AMAZON."):
                resolutions = {"resolutionsPerAuthority": [_authority(fill, skill_id)]}
                entry["resolutions"] = resolutions
                slot_value["resolutions"] = resolutions
            entry["slotValue"] = slot_value
        envelope[name] = entry
    return envelope


def _authority(fill: SlotFill, skill_id: str) -> dict[str, Any]:
    authority = f"amzn1.er-authority.echo-sdk.{skill_id}.{fill.type_name}"
    if fill.resolved_id is None:
        return {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
    return {
        "authority": authority,
        "status": {"code": "ER_SUCCESS_MATCH"},
        "values": [{"value": {"name": fill.resolved_name, "id": fill.resolved_id}}],
    }


# ---------------------------------------------------------------- compiled model


@dataclass(frozen=True)
class _Literal:
    word: str


@dataclass(frozen=True)
class _Slot:
    name: str
    type_name: str


_Element = _Literal | _Slot


@dataclass(frozen=True)
class _Sample:
    intent: str
    elements: tuple[_Element, ...]
    literals: frozenset[str]
    literal_count: int


@dataclass(frozen=True)
class _Entity:
    id: str
    name: str


@dataclass(frozen=True)
class _SpanValue:
    """One way to read tokens[start:end] as a value of a slot type."""

    end: int
    text: str
    entity: _Entity | None
    cost: float


@dataclass(frozen=True)
class _Said:
    """The typed line and where each of its (invocation-stripped) tokens sits in it."""

    text: str
    places: list[tuple[int, int]]
    begin: int  # where the request starts, after any invocation words

    def between(self, start: int, end: int) -> str | None:
        """The line's own text for tokens start..end, from the end of the word before."""
        left = self.places[start - 1][1] if start > 0 else self.begin
        right = self.places[end][0] if end < len(self.places) else len(self.text)
        if right <= left or self.places[start][0] < left:
            return None  # the run starts inside a split word ("he's"): use the tokens
        return self.text[left:right].strip().lstrip(":;,-").strip() or None


@dataclass
class _Utterance:
    tokens: list[str]
    # spans[type_name][start] -> the readings that start at that token
    spans: dict[str, list[list[_SpanValue]]] = field(default_factory=dict)


class Resolver:
    """Compiles an interaction model once; ``resolve`` maps a typed line to an intent."""

    def __init__(self, model: Mapping[str, Any], *, today: dt.date) -> None:
        self.today = today
        language_model = model["interactionModel"]["languageModel"]
        self._entities = _compile_types(language_model.get("types", []))
        self._intent_slots: dict[str, dict[str, str]] = {}
        self._samples: list[_Sample] = []
        for intent in language_model["intents"]:
            name = intent["name"]
            slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
            self._intent_slots[name] = slot_types
            samples = list(intent.get("samples", [])) + list(BUILT_IN_SAMPLES.get(name, ()))
            for text in dict.fromkeys(samples):
                self._samples.append(_compile_sample(name, text, slot_types))
        self._by_literal: dict[str, list[int]] = {}
        for index, sample in enumerate(self._samples):
            for word in sample.literals:
                self._by_literal.setdefault(word, []).append(index)
        self._slotless = [i for i, s in enumerate(self._samples) if not s.literals]
        self._types_used = {
            element.type_name
            for sample in self._samples
            for element in sample.elements
            if isinstance(element, _Slot)
        }
        self._vocabulary = (
            set(self._by_literal)
            | {word for table in self._entities.values() for phrase in table for word in phrase}
            | DATE_VOCABULARY
            | TIME_VOCABULARY
        )
        self._near_words = _deletion_index(self._vocabulary)
        self._max_value_tokens = {
            name: max((len(phrase) for phrase in table), default=1)
            for name, table in self._entities.items()
        }

    @classmethod
    def from_file(cls, path: Path, *, today: dt.date) -> Resolver:
        return cls(json.loads(path.read_text(encoding="utf-8")), today=today)

    @property
    def intents(self) -> dict[str, dict[str, str]]:
        """Intent name -> {slot name: slot type}, as the model declares them."""
        return {name: dict(slots) for name, slots in self._intent_slots.items()}

    def resolve(self, utterance: str) -> Resolution:
        located = _located_tokens(utterance)
        tokens = strip_invocation([token for token, _, _ in located])
        if not tokens:
            return Resolution(FALLBACK_INTENT, {}, 0.0)
        skipped = len(located) - len(tokens)
        said = _Said(
            utterance,
            [(start, end) for _, start, end in located[skipped:]],
            located[skipped - 1][2] if skipped else 0,
        )
        exact = self._exact(self._read(tokens, tokens, said=said))
        if exact is not None:
            return exact
        fuzzy = self._fuzzy(tokens, said)
        if fuzzy is not None and fuzzy.score >= MATCH_THRESHOLD:
            return fuzzy
        return Resolution(FALLBACK_INTENT, {}, fuzzy.score if fuzzy else 0.0)

    # ------------------------------------------------------------ exact pass

    def _exact(self, utterance: _Utterance) -> Resolution | None:
        present = set(utterance.tokens)
        best: tuple[int, int, int, Resolution] | None = None
        for order, sample in enumerate(self._samples):
            if not sample.literals <= present:
                continue
            filled = _match_exactly(sample.elements, 0, utterance, 0)
            if filled is None:
                continue
            # The finest reading wins: more sample elements, then more slots filled
            # ("i {method} {ex}" over "i texted {ex}": same intent, more detail).
            key = (len(sample.elements), len(filled), -order)
            if best is None or key > best[:3]:
                best = (*key, self._resolution(sample, filled, 1.0))
        return best[3] if best else None

    # ------------------------------------------------------------ fuzzy pass

    def _fuzzy(self, tokens: list[str], said: _Said | None = None) -> Resolution | None:
        corrected, typo_cost = self._correct(tokens)
        utterance = self._read(corrected, tokens, allow_unlisted=True, said=said)
        overlap: Counter[int] = Counter()
        for word in set(corrected):
            overlap.update(self._by_literal.get(word, ()))
        limit = (
            _FUZZY_CANDIDATES if len(tokens) <= _LONG_LINE_TOKENS else _FUZZY_CANDIDATES_LONG_LINE
        )
        candidates = [index for index, _ in overlap.most_common(limit)]
        best: tuple[float, int, Resolution] | None = None
        for index in dict.fromkeys([*candidates, *self._slotless]):
            sample = self._samples[index]
            cost, length, filled = _align(sample.elements, utterance)
            score = max(0.0, 1.0 - (cost + typo_cost) / max(length, 1))
            key = (round(score, 6), sample.literal_count)
            if best is None or key > best[:2]:
                best = (*key, self._resolution(sample, filled, score))
        return best[2] if best else None

    def _correct(self, tokens: list[str]) -> tuple[list[str], float]:
        """Replace unknown words by a known word one edit away ("txt" -> "text")."""
        corrected, cost = [], 0.0
        for token in tokens:
            replacement = None
            if token not in self._vocabulary and len(token) >= 3 and token.isalpha():
                replacement = _nearest(token, self._near_words)
            corrected.append(replacement or token)
            cost += _TYPO_COST if replacement else 0.0
        return corrected, cost

    # ------------------------------------------------------------ slot readings

    def _read(
        self,
        tokens: list[str],
        spoken: list[str],
        *,
        allow_unlisted: bool = False,
        said: _Said | None = None,
    ) -> _Utterance:
        """Every way each stretch of the line can be read as a value of each slot type."""
        utterance = _Utterance(tokens)
        n = len(tokens)
        for type_name in self._types_used:
            starts: list[list[_SpanValue]] = [[] for _ in range(n + 1)]
            for start in range(n):
                if type_name == DATE_TYPE:
                    starts[start] = self._date_spans(tokens, start)
                    continue
                if type_name == TIME_TYPE:
                    starts[start] = self._time_spans(tokens, start)
                    continue
                if type_name == SEARCH_QUERY_TYPE:
                    starts[start] = _search_query_spans(spoken, start, said)
                    continue
                table = self._entities.get(type_name, {})
                longest = min(n - start, self._max_value_tokens.get(type_name, 1))
                for end in range(start + 1, start + longest + 1):
                    entity = table.get(tuple(tokens[start:end]))
                    if entity is not None:
                        text = " ".join(spoken[start:end])
                        starts[start].append(_SpanValue(end, text, entity, 0.0))
                if allow_unlisted:
                    for end in range(start + 1, min(n, start + _UNLISTED_VALUE_MAX_TOKENS) + 1):
                        text = " ".join(spoken[start:end])
                        # Longer unknown values cost more, so "him today" reads as
                        # the value "him" plus an extra word, not as one odd name.
                        cost = _UNLISTED_VALUE_COST + _UNLISTED_EXTRA_TOKEN_COST * (end - start - 1)
                        starts[start].append(_SpanValue(end, text, None, cost))
            utterance.spans[type_name] = starts
        return utterance

    def _date_spans(self, tokens: list[str], start: int) -> list[_SpanValue]:
        first = tokens[start]
        if first not in DATE_FIRST_WORDS and not first[:1].isdigit():
            return []
        spans = []
        for end in range(start + 1, min(len(tokens), start + MAX_DATE_TOKENS) + 1):
            value = parse_amazon_date(tokens[start:end], self.today)
            if value is not None:
                spans.append(_SpanValue(end, value, None, 0.0))
        return spans

    def _time_spans(self, tokens: list[str], start: int) -> list[_SpanValue]:
        if tokens[start] not in TIME_FIRST_WORDS:
            return []
        spans = []
        for end in range(start + 1, min(len(tokens), start + MAX_TIME_TOKENS) + 1):
            value = parse_amazon_time(tokens[start:end])
            if value is not None:
                spans.append(_SpanValue(end, value, None, 0.0))
        return spans

    def _resolution(
        self, sample: _Sample, filled: dict[str, _SpanValue], score: float
    ) -> Resolution:
        slots = {}
        for name, type_name in self._intent_slots.get(sample.intent, {}).items():
            span = filled.get(name)
            if span is None:
                slots[name] = SlotFill(name, None, type_name=type_name)
            else:
                slots[name] = SlotFill(
                    name,
                    span.text,
                    resolved_id=span.entity.id if span.entity else None,
                    resolved_name=span.entity.name if span.entity else None,
                    type_name=type_name,
                )
        return Resolution(sample.intent, slots, score)


def _search_query_spans(spoken: list[str], start: int, said: _Said | None) -> list[_SpanValue]:
    """Free text: every run from `start` on is a reading, at no cost (the carrier decides)."""
    spans = []
    for end in range(start + 1, len(spoken) + 1):
        text = said.between(start, end) if said else None
        spans.append(_SpanValue(end, text or " ".join(spoken[start:end]), None, 0.0))
    return spans


# ---------------------------------------------------------------- compiling


def _compile_types(types: Iterable[Mapping[str, Any]]) -> dict[str, dict[tuple[str, ...], _Entity]]:
    compiled: dict[str, dict[tuple[str, ...], _Entity]] = {}
    for slot_type in types:
        table: dict[tuple[str, ...], _Entity] = {}
        for value in slot_type.get("values", []):
            name = value["name"]["value"]
            entity = _Entity(value.get("id") or name, name)
            for phrase in [name, *value["name"].get("synonyms", [])]:
                table.setdefault(tuple(normalize(phrase)), entity)
        compiled[slot_type["name"]] = table
    return compiled


def _compile_sample(intent: str, text: str, slot_types: Mapping[str, str]) -> _Sample:
    elements: list[_Element] = []
    for piece in re.split(r"(\{\w+\})", text):
        placeholder = _PLACEHOLDER.fullmatch(piece)
        if placeholder:
            name = placeholder.group(1)
            if name not in slot_types:
                raise ValueError(f"{intent}: sample {text!r} uses undeclared slot {{{name}}}")
            elements.append(_Slot(name, slot_types[name]))
        else:
            elements.extend(_Literal(word) for word in normalize(piece))
    literals = [e.word for e in elements if isinstance(e, _Literal)]
    return _Sample(intent, tuple(elements), frozenset(literals), len(literals))


def _deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    """Each word and its one-letter deletions -> the words they came from (SymSpell style)."""
    index: dict[str, list[str]] = {}
    for word in words:
        if len(word) < 3 or not word.isalpha():
            continue
        for variant in {word, *_deletions(word)}:
            index.setdefault(variant, []).append(word)
    return index


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _nearest(token: str, index: Mapping[str, list[str]]) -> str | None:
    """A known word within one insertion, deletion or substitution of ``token``."""
    found: set[str] = set()
    for variant in {token, *_deletions(token)}:
        found.update(index.get(variant, ()))
    found.discard(token)
    if not found:
        return None
    # Prefer the closest length, then the alphabetically first, so results are stable.
    return min(found, key=lambda word: (abs(len(word) - len(token)), word))


# ---------------------------------------------------------------- matching


def _match_exactly(
    elements: Sequence[_Element], i: int, utterance: _Utterance, j: int
) -> dict[str, _SpanValue] | None:
    """Backtracking match of a sample against the whole line, listed values only."""
    tokens = utterance.tokens
    if i == len(elements):
        return {} if j == len(tokens) else None
    element = elements[i]
    if isinstance(element, _Literal):
        if j < len(tokens) and tokens[j] == element.word:
            return _match_exactly(elements, i + 1, utterance, j + 1)
        return None
    if j >= len(tokens):
        return None
    # Longest reading first: "my ex boyfriend" beats "my ex" + a stray word.
    for span in sorted(utterance.spans[element.type_name][j], key=lambda s: -s.end):
        if span.cost > 0:
            continue
        rest = _match_exactly(elements, i + 1, utterance, span.end)
        if rest is not None:
            return {element.name: span, **rest}
    return None


# At equal cost the longer alignment scores higher; this tiny credit per step
# folds that preference into one float, which keeps the inner loop cheap.
_LENGTH_CREDIT = 1e-4


def _align(
    elements: Sequence[_Element], utterance: _Utterance
) -> tuple[float, int, dict[str, _SpanValue]]:
    """Cheapest alignment of sample elements with the line's tokens (an edit distance).

    Returns the cost, the aligned length (elements plus extra words) and the slot
    readings on the cheapest path.
    """
    tokens = utterance.tokens
    m, n = len(elements), len(tokens)
    width = n + 1
    inf = float("inf")
    best = [inf] * ((m + 1) * width)
    back: list[tuple[int, float, _SpanValue | None] | None] = [None] * ((m + 1) * width)
    best[0] = 0.0
    extra_costs = [(_FILLER_COST if t in _FILLERS else 1.0) - _LENGTH_CREDIT for t in tokens]
    trailing_costs = [min(cost, _TRAILING_WORD_COST - _LENGTH_CREDIT) for cost in extra_costs]

    for i in range(m + 1):
        element = elements[i] if i < m else None
        row, next_row = i * width, (i + 1) * width
        for j in range(n + 1):
            here = row + j
            value = best[here]
            if value == inf:
                continue
            if j < n:  # an extra word in the line
                extra = trailing_costs[j] if element is None else extra_costs[j]
                if value + extra < best[here + 1]:
                    best[here + 1] = value + extra
                    back[here + 1] = (here, extra, None)
            if element is None:
                continue
            if isinstance(element, _Literal):
                step = 1.0 - _LENGTH_CREDIT  # the word is missing from the line
                if value + step < best[next_row + j]:
                    best[next_row + j] = value + step
                    back[next_row + j] = (here, step, None)
                if j < n:
                    step = (0.0 if tokens[j] == element.word else 1.0) - _LENGTH_CREDIT
                    if value + step < best[next_row + j + 1]:
                        best[next_row + j + 1] = value + step
                        back[next_row + j + 1] = (here, step, None)
                continue
            step = _MISSING_SLOT_COST - _LENGTH_CREDIT
            if value + step < best[next_row + j]:
                best[next_row + j] = value + step
                back[next_row + j] = (here, step, None)
            if j < n:
                for span in utterance.spans[element.type_name][j]:
                    target = next_row + span.end
                    step = span.cost - _LENGTH_CREDIT
                    if value + step < best[target]:
                        best[target] = value + step
                        back[target] = (here, step, span)

    filled: dict[str, _SpanValue] = {}
    cost, length, here = 0.0, 0, m * width + n
    while here != 0:
        origin = back[here]
        assert origin is not None
        previous, step, reading = origin
        cost += step + _LENGTH_CREDIT
        length += 1
        if reading is not None:
            element = elements[previous // width]
            assert isinstance(element, _Slot)
            filled[element.name] = reading
        here = previous
    return cost, length, filled
