"""Generate the en-GB, en-CA, en-AU and en-IN interaction models from en-US.json.

    python tools/build_locales.py            # (re)write the generated models
    python tools/build_locales.py --check    # exit 1 if a generated model is stale

en-US.json is the one model people edit. Every other English locale gets the
same intents, slots, slot types and entity ids, with the locale's own words
where they differ ("mom" -> "mum", "at the store" -> "at the shops") and a few
extra samples and synonyms people there say. A test runs `--check`, so a
change to en-US.json without a rebuild fails the suite.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "interaction_model" / "interactionModels" / "custom"
SOURCE_LOCALE = "en-US"


@dataclass(frozen=True)
class LocaleVariant:
    """How one locale's model differs from en-US."""

    # Whole-word (or whole-phrase) replacements, applied to samples and slot values.
    words: Mapping[str, str] = field(default_factory=dict)
    # Samples added to an intent (after the replacements).
    extra_samples: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # Synonyms added to a slot type value: {type: {value id: [synonyms]}}.
    extra_synonyms: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)


# Commonwealth spelling and words, shared by the UK, Australia and India.
_COMMONWEALTH_WORDS = {
    "mom": "mum",
    "moms": "mums",
    "color": "colour",
    "favorite": "favourite",
    "realize": "realise",
    "realized": "realised",
    "apologize": "apologise",
    "apologized": "apologised",
    "program": "programme",
    "at the store": "at the shops",
    "cell phone": "mobile",
    "vacation": "holiday",
    "apartment": "flat",
}
# Canada spells most words the British way but shops at the store and says mom.
_CANADIAN_WORDS = {
    "color": "colour",
    "favorite": "favourite",
}

VARIANTS: Mapping[str, LocaleVariant] = {
    "en-GB": LocaleVariant(
        words=_COMMONWEALTH_WORDS,
        extra_synonyms={"EX_REFERENCE": {"him": ["that bloke"]}},
    ),
    "en-CA": LocaleVariant(words=_CANADIAN_WORDS),
    "en-AU": LocaleVariant(
        words=_COMMONWEALTH_WORDS,
        extra_synonyms={"EX_REFERENCE": {"him": ["that bloke"]}},
    ),
    "en-IN": LocaleVariant(words=_COMMONWEALTH_WORDS),
}
LOCALES = (SOURCE_LOCALE, *VARIANTS)


def _replace_words(text: str, words: Mapping[str, str]) -> str:
    # Longest phrases first, so "at the store" wins over a rule for "store".
    for old in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<![\w']){re.escape(old)}(?![\w'])", words[old], text)
    return text


def _unique(items: Sequence[str], taken: set[str] | None = None) -> list[str]:
    """Items in order without repeats (case and spacing ignored), skipping any already taken."""
    seen = taken if taken is not None else set()
    kept = []
    for item in items:
        key = " ".join(item.lower().split())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def localize(source: Mapping[str, Any], variant: LocaleVariant) -> dict[str, Any]:
    """The en-US model as the locale says it; intents, slots, types and ids stay the same."""
    model = copy.deepcopy(dict(source))
    language_model = model["interactionModel"]["languageModel"]
    samples_taken: set[str] = set()
    for intent in language_model["intents"]:
        if "samples" not in intent:
            continue
        samples = [_replace_words(s, variant.words) for s in intent["samples"]]
        samples += list(variant.extra_samples.get(intent["name"], ()))
        # A sample may belong to one intent only: the first keeps it.
        intent["samples"] = _unique(samples, samples_taken)
    for slot_type in language_model.get("types", []):
        extras = variant.extra_synonyms.get(slot_type["name"], {})
        phrases_taken: set[str] = set()
        for value in slot_type["values"]:
            name = value["name"]
            name["value"] = _replace_words(name["value"], variant.words)
            phrases_taken.add(" ".join(name["value"].lower().split()))
        for value in slot_type["values"]:
            name = value["name"]
            if "synonyms" in name or value.get("id") in extras:
                synonyms = [_replace_words(s, variant.words) for s in name.get("synonyms", [])]
                synonyms += list(extras.get(value.get("id", ""), ()))
                name["synonyms"] = _unique(synonyms, phrases_taken)
    return model


def render(model: Mapping[str, Any]) -> str:
    """The file text, formatted as en-US.json is (two-space indent, trailing newline)."""
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def build(model_dir: Path = MODEL_DIR) -> dict[Path, str]:
    """Generated file path -> its text."""
    source = json.loads((model_dir / f"{SOURCE_LOCALE}.json").read_text(encoding="utf-8"))
    return {
        model_dir / f"{locale}.json": render(localize(source, variant))
        for locale, variant in VARIANTS.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated model is stale")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    stale = []
    for path, text in build(args.model_dir).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        names = ", ".join(p.name for p in stale)
        print(f"stale: {names}: run python tools/build_locales.py", file=sys.stderr)
        return 1
    if args.check:
        print("generated locale models are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
