"""Plain text to SSML and back.

Content is plain text; everything spoken goes through to_ssml so a stray "&" or
"<" in a text (or in a spoken date) can never break the response. The chat
entry point shows ssml_to_text of the same output.
"""

from __future__ import annotations

import html
import re
from typing import Final

# The SSML tags Alexa accepts; tests check every response against this list.
ALEXA_SSML_TAGS: Final = frozenset(
    {
        "speak",
        "amazon:domain",
        "amazon:effect",
        "amazon:emotion",
        "audio",
        "break",
        "emphasis",
        "lang",
        "p",
        "phoneme",
        "prosody",
        "s",
        "say-as",
        "sub",
        "voice",
        "w",
    }
)
MAX_SSML_CHARS: Final = 8000
MAX_BREAK_SECONDS: Final = 10.0
WORDS_PER_MINUTE: Final = 150

_ESCAPES: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
)
_TAG = re.compile(r"<[^>]*>")
_BREAK_TIME = re.compile(r"<break\b[^>]*\btime=\"(\d+(?:\.\d+)?)(ms|s)\"", re.IGNORECASE)


class Ssml(str):
    """A piece of SSML markup that to_ssml must pass through unescaped."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape the five XML special characters, as Alexa's SSML reference asks."""
    return text.translate(_ESCAPES)


def pause(seconds: float) -> Ssml:
    """A <break>, clamped to what Alexa allows (0 to 10 seconds)."""
    clamped = min(max(seconds, 0.0), MAX_BREAK_SECONDS)
    return Ssml(f'<break time="{round(clamped * 1000)}ms"/>')


def to_ssml(*parts: str) -> str:
    """Escape each plain part (Ssml parts pass as they are), join with spaces, wrap in <speak>."""
    body = " ".join(
        part if isinstance(part, Ssml) else escape(part) for part in parts if part.strip()
    )
    return f"<speak>{body}</speak>"


def ssml_to_text(ssml: str) -> str:
    """What a person would hear, as plain text: tags dropped, entities undone."""
    text = html.unescape(_TAG.sub(" ", ssml))
    return " ".join(text.split())


def estimate_seconds(text: str) -> float:
    """Rough speaking time at 150 words a minute, plus any <break> pauses."""
    pauses = sum(
        float(value) / (1000 if unit.lower() == "ms" else 1)
        for value, unit in _BREAK_TIME.findall(text)
    )
    words = len(ssml_to_text(text).split())
    return words * 60 / WORDS_PER_MINUTE + pauses
