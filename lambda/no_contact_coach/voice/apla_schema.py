"""A checker for APL for Audio (APLA) documents, written from Alexa's reference.

Alexa only reports a bad APLA document at run time, on the device, as a
RuntimeError event the skill never sees in a test. This module catches the
mistakes we can make ahead of time: unknown component or filter types, missing
or mistyped properties, silences that are not whole milliseconds, loops that
never end, and audio longer than Alexa's 240-second response limit.

Reference pages (developer.amazon.com/docs/alexa-presentation-language/):
apla-document, apla-component, apla-multichild-component, apla-speech,
apla-audio, apla-silence, apla-sequencer, apla-mixer, apla-selector,
apla-filters. The checker is stricter than Alexa in three places, each because
Alexa's lenient behaviour would hide a bug: unknown filter types are errors
(Alexa skips them), a Speech without content and an Audio without source are
errors (Alexa plays nothing), and number properties must be numbers (resolved
documents only; data-binding and @resource strings are not evaluated here).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

from no_contact_coach.voice.speech import estimate_seconds, ssml_to_text

APLA_VERSION = "0.91"
MAX_RESPONSE_SECONDS = 240.0

# Tags Alexa's SSML reference lists as supported.
ALEXA_SSML_TAGS = frozenset(
    {
        "speak",
        "p",
        "s",
        "break",
        "emphasis",
        "lang",
        "phoneme",
        "prosody",
        "say-as",
        "sub",
        "voice",
        "w",
        "audio",
        "amazon:domain",
        "amazon:effect",
        "amazon:emotion",
    }
)
_SSML_NAMESPACE_PREFIX = 'xmlns:amazon="https://developer.amazon.com/alexa/ssml"'

Json = Any
Check = Callable[[Json], bool]


def _is_string(value: Json) -> bool:
    return isinstance(value, str)


def _is_bool(value: Json) -> bool:
    # A data-binding expression may stand for a boolean (e.g. "${payload.x}").
    return isinstance(value, bool) or _is_binding(value)


def _is_number(value: Json) -> bool:
    # bool is an int subclass in Python; JSON keeps them apart, so do we.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: Json) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_list(value: Json) -> bool:
    return isinstance(value, list)


def _is_binding(value: Json) -> bool:
    return isinstance(value, str) and "${" in value


def _one_of(*allowed: str) -> Check:
    return lambda value: value in allowed or _is_binding(value)


def _is_volume_amount(value: Json) -> bool:
    return (_is_number(value) and value >= 0) or (
        isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?%", value) is not None
    )


# name -> (check, expected-type wording for the error message)
PropertySpec = dict[str, tuple[Check, str]]

_BASE_PROPERTIES: PropertySpec = {
    "type": (_is_string, "a string"),
    "when": (_is_bool, "a boolean"),
    "id": (_is_string, "a string"),
    "description": (_is_string, "a string"),
    "duration": (_one_of("auto", "trimToParent"), '"auto" or "trimToParent"'),
    "bind": (_is_list, "an array of bindings"),
    "filter": (_is_list, "an array of filters"),
    "filters": (_is_list, "an array of filters"),
}
_CHILD_PROPERTIES: PropertySpec = {
    "item": (lambda v: isinstance(v, dict | list), "a component or an array of components"),
    "items": (lambda v: isinstance(v, dict | list), "a component or an array of components"),
    "data": (lambda v: _is_list(v) or _is_binding(v), "an array"),
}

# type -> (component properties beyond the base ones, required properties)
COMPONENTS: dict[str, tuple[PropertySpec, frozenset[str]]] = {
    "Speech": (
        {
            "content": (_is_string, "a string"),
            "contentType": (_one_of("PlainText", "SSML"), '"PlainText" or "SSML"'),
        },
        frozenset({"content"}),
    ),
    "Audio": ({"source": (_is_string, "a URL string")}, frozenset({"source"})),
    # Silence redefines `duration`: whole milliseconds, not "auto"/"trimToParent".
    "Silence": (
        {"duration": (lambda v: _is_int(v) and v > 0, "a positive whole number of ms")},
        frozenset({"duration"}),
    ),
    "Sequencer": (_CHILD_PROPERTIES, frozenset()),
    "Mixer": (_CHILD_PROPERTIES, frozenset()),
    "Selector": (
        {
            **_CHILD_PROPERTIES,
            "strategy": (
                _one_of("normal", "randomItem", "randomData", "randomItemRandomData"),
                "normal, randomItem, randomData or randomItemRandomData",
            ),
        },
        frozenset(),
    ),
}
MULTI_CHILD = frozenset({"Sequencer", "Mixer", "Selector"})

_FILTER_BASE: PropertySpec = {
    "type": (_is_string, "a string"),
    "when": (_is_bool, "a boolean"),
    "description": (_is_string, "a string"),
}
_MILLISECONDS = (lambda v: _is_number(v) and v >= 0, "a number of ms (>= 0)")

# type -> (filter properties beyond type/when/description, required properties)
FILTERS: dict[str, tuple[PropertySpec, frozenset[str]]] = {
    "FadeIn": ({"duration": _MILLISECONDS}, frozenset({"duration"})),
    "FadeOut": ({"duration": _MILLISECONDS}, frozenset({"duration"})),
    "Repeat": (
        {"repeatCount": (lambda v: _is_int(v) and v >= -1, "a whole number >= -1")},
        frozenset({"repeatCount"}),
    ),
    "Trim": ({"start": _MILLISECONDS, "end": _MILLISECONDS}, frozenset()),
    "Volume": (
        {"amount": (_is_volume_amount, 'a number >= 0 or a percentage like "40%"')},
        frozenset({"amount"}),
    ),
}

_DOCUMENT_PROPERTIES = frozenset(
    {"type", "version", "description", "mainTemplate", "compositions", "resources"}
)
_AUDIO_SCHEMES = ("https://", "soundbank://")


def validate_apla_document(document: Json) -> list[str]:
    """Every problem found in an APLA document, each as "path: message"; [] if none."""
    if not isinstance(document, dict):
        return ["document: must be a JSON object"]
    errors: list[str] = []
    for key in sorted(set(document) - _DOCUMENT_PROPERTIES):
        errors.append(f"document.{key}: unknown document property")
    if document.get("type") != "APLA":
        errors.append('document.type: must be "APLA"')
    if document.get("version") != APLA_VERSION:
        errors.append(f'document.version: must be "{APLA_VERSION}"')
    compositions = document.get("compositions", {})
    if not isinstance(compositions, dict):
        errors.append("document.compositions: must be a map of compositions")
        compositions = {}

    template = document.get("mainTemplate")
    if not isinstance(template, dict):
        errors.append("mainTemplate: required, must be an object")
        return errors
    parameters = template.get("parameters", [])
    if not (isinstance(parameters, list) and all(isinstance(p, str) for p in parameters)):
        errors.append("mainTemplate.parameters: must be an array of strings")
    for key in sorted(set(template) - {"parameters", "item", "items", "description"}):
        errors.append(f"mainTemplate.{key}: unknown property")
    children = _children(template, "mainTemplate", errors)
    if not children:
        errors.append("mainTemplate: needs an item to play")
    for path, child in children:
        _check_component(child, path, errors, set(compositions), parent=None)

    if children and not any(_plays_sound(child) for _, child in children):
        errors.append("mainTemplate: a response of Silence alone is not allowed")
    seconds = estimate_duration_s(document)
    if seconds > MAX_RESPONSE_SECONDS:
        errors.append(
            f"mainTemplate: about {seconds:.0f} s of audio, over the {MAX_RESPONSE_SECONDS:.0f} s limit"
        )
    return errors


def _children(node: Mapping[str, Json], path: str, errors: list[str]) -> list[tuple[str, Json]]:
    """The child components under `item`/`items` (the two names are synonyms)."""
    present = [key for key in ("item", "items") if key in node]
    if len(present) > 1:
        errors.append(f"{path}: use either item or items, not both")
    if not present:
        return []
    key = present[0]
    value = node[key]
    if isinstance(value, dict):
        return [(f"{path}.{key}", value)]
    if isinstance(value, list):
        return [(f"{path}.{key}[{i}]", child) for i, child in enumerate(value)]
    return []  # the wrong type is reported by the property check


def _check_component(
    component: Json, path: str, errors: list[str], compositions: set[str], parent: str | None
) -> None:
    if not isinstance(component, dict):
        errors.append(f"{path}: a component must be an object")
        return
    kind = component.get("type")
    if not isinstance(kind, str):
        errors.append(f"{path}.type: required, must be a string")
        return
    if kind in compositions:
        return  # a custom composition takes its own parameters; Alexa checks those
    if kind not in COMPONENTS:
        errors.append(f"{path}.type: unknown component type {kind!r}")
        return
    specific, required = COMPONENTS[kind]
    spec = {**_BASE_PROPERTIES, **specific}
    _check_properties(component, spec, required, f"{path} ({kind})", errors)
    if "filter" in component and "filters" in component:
        errors.append(f"{path}: use either filter or filters, not both")
    filters = component.get("filter", component.get("filters", []))
    if isinstance(filters, list):
        for i, item in enumerate(filters):
            _check_filter(item, f"{path}.filter[{i}]", errors)

    if kind == "Speech" and component.get("contentType") == "SSML":
        errors.extend(
            f"{path}.content: {problem}" for problem in ssml_problems(component["content"])
        )
    if kind == "Audio" and isinstance(component.get("source"), str):
        source = component["source"]
        if not (source.startswith(_AUDIO_SCHEMES) or _is_binding(source)):
            errors.append(f"{path}.source: must be an https:// or soundbank:// URL")
    if _length_s(component) == math.inf and not (
        parent == "Mixer" and component.get("duration") == "trimToParent"
    ):
        errors.append(f"{path}: repeats forever; only a Mixer child with trimToParent may")
    if kind in MULTI_CHILD:
        for child_path, child in _children(component, path, errors):
            _check_component(child, child_path, errors, compositions, parent=kind)


def _check_filter(item: Json, path: str, errors: list[str]) -> None:
    if not isinstance(item, dict):
        errors.append(f"{path}: a filter must be an object")
        return
    kind = item.get("type")
    if kind not in FILTERS:
        errors.append(f"{path}.type: unknown filter type {kind!r}")
        return
    specific, required = FILTERS[kind]
    _check_properties(item, {**_FILTER_BASE, **specific}, required, f"{path} ({kind})", errors)
    start, end = item.get("start", 0), item.get("end")
    if kind == "Trim":
        if "start" not in item and "end" not in item:
            errors.append(f"{path} (Trim): needs start, end or both")
        elif _is_number(start) and _is_number(end) and end <= start:
            errors.append(f"{path} (Trim): end must come after start")


def _check_properties(
    node: Mapping[str, Json],
    spec: PropertySpec,
    required: frozenset[str],
    path: str,
    errors: list[str],
) -> None:
    for name in sorted(required - set(node)):
        errors.append(f"{path}: missing required property {name}")
    for name, value in node.items():
        if name not in spec:
            errors.append(f"{path}.{name}: unknown property")
            continue
        check, expected = spec[name]
        if not check(value):
            errors.append(f"{path}.{name}: must be {expected}, got {value!r}")


def ssml_problems(ssml: str) -> list[str]:
    """Problems Alexa would reject in an SSML string: bad XML, unknown tags, long breaks."""
    # Alexa accepts amazon: tags without declaring the prefix; XML parsers do not.
    declared = ssml.replace("<speak", f"<speak {_SSML_NAMESPACE_PREFIX}", 1)
    try:
        root = ET.fromstring(declared)
    except ET.ParseError as error:
        return [f"not well-formed XML ({error})"]
    problems = []
    if _tag(root) != "speak":
        problems.append("must be wrapped in <speak>")
    for element in root.iter():
        tag = _tag(element)
        if tag not in ALEXA_SSML_TAGS:
            problems.append(f"<{tag}> is not an Alexa SSML tag")
        if tag == "break":
            millis = break_ms(element.get("time", "0ms"))
            if millis is None or millis > 10_000:
                problems.append(f"<break time={element.get('time')!r}> must be at most 10 s")
    return problems


def break_ms(time: str) -> float | None:
    """Milliseconds in an SSML break time ("800ms", "2.5s"); None if unreadable."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*", time)
    if match is None:
        return None
    number = float(match.group(1))
    return number if match.group(2) == "ms" else number * 1000


def _tag(element: ET.Element) -> str:
    tag = element.tag
    if tag.startswith("{"):
        return "amazon:" + tag.split("}", 1)[1]
    return tag


def _plays_sound(component: Json) -> bool:
    if not isinstance(component, dict):
        return False
    if component.get("type") in ("Speech", "Audio"):
        return True
    return any(_plays_sound(child) for _, child in _children(component, "", []))


def speech_seconds(text: str) -> float:
    """Estimated time to say the words of `text`, at speech.WORDS_PER_MINUTE.

    SSML tags, <break>s included, count for nothing here: _length_s adds the
    breaks of a Speech itself, so they are not counted twice.
    """
    return estimate_seconds(ssml_to_text(text))


def estimate_duration_s(document: Json) -> float:
    """Estimated playing time of a document in seconds (math.inf if it never ends).

    Speech at speech.WORDS_PER_MINUTE, Silence as written, SSML breaks counted, a
    Sequencer as the sum of its children, a Mixer as its longest child not
    trimmed to it, a Selector as its longest choice (an upper bound). Audio
    files of unknown length count as 0 unless a Trim filter bounds them.
    """
    if not isinstance(document, dict) or not isinstance(document.get("mainTemplate"), dict):
        return 0.0
    children = _children(document["mainTemplate"], "", [])
    if not children:
        return 0.0
    # mainTemplate renders its first child (a single-child inflation).
    return component_seconds(children[0][1])


def component_seconds(component: Json) -> float:
    """Estimated playing time of one component, by the rules of estimate_duration_s."""
    return _length_s(component) or 0.0


def _length_s(component: Json) -> float | None:
    """Seconds a component plays for; None when unknown (an Audio file)."""
    if not isinstance(component, dict):
        return 0.0
    kind = component.get("type")
    length: float | None
    if kind == "Speech":
        content = component.get("content", "")
        length = speech_seconds(content) + _ssml_break_seconds(content)
    elif kind == "Silence":
        length = component["duration"] / 1000 if _is_number(component.get("duration")) else 0.0
    elif kind == "Audio":
        length = None
    elif kind in MULTI_CHILD:
        length = _children_length(kind, [c for _, c in _children(component, "", [])])
    else:
        length = 0.0
    return _apply_filters(length, component.get("filter", component.get("filters", [])))


def _children_length(kind: str, children: list[Json]) -> float:
    if kind == "Sequencer":
        return sum(_length_s(child) or 0.0 for child in children)
    if kind == "Mixer":
        # Children set to trimToParent end with the others, so they do not count.
        free = [
            c for c in children if not (isinstance(c, dict) and c.get("duration") == "trimToParent")
        ]
        return max((_length_s(c) or 0.0 for c in free or children), default=0.0)
    return max((_length_s(child) or 0.0 for child in children), default=0.0)


def _apply_filters(length: float | None, filters: Json) -> float | None:
    # Filters apply in order, each to the output of the one before.
    for item in filters if isinstance(filters, list) else []:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "Repeat" and _is_int(item.get("repeatCount")):
            count = item["repeatCount"]
            if count == -1:
                length = math.inf
            elif length is not None:
                length *= count + 1  # counted as extra plays: an upper bound either way
        elif item.get("type") == "Trim":
            start = item.get("start", 0) / 1000 if _is_number(item.get("start", 0)) else 0.0
            end = item["end"] / 1000 if _is_number(item.get("end")) else None
            if end is not None:
                length = end - start if length is None else min(length, end) - start
            elif length is not None:
                length = max(length - start, 0.0)
    return length


def _ssml_break_seconds(content: str) -> float:
    times = re.findall(r"<break\b[^>]*\btime\s*=\s*[\"']([^\"']+)[\"']", content)
    return sum((break_ms(t) or 0.0) for t in times) / 1000
