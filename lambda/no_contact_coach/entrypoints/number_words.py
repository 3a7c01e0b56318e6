"""English number words, shared by the chat's date, time and slot readers."""

from __future__ import annotations

from typing import Final

SMALL: Final = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
"""Index = value, 0 to 19."""

TENS: Final = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
"""Index = tens digit; 0 and 1 have no word of their own."""

VALUES: Final = {word: value for value, word in enumerate(SMALL)} | {
    word: 10 * tens for tens, word in enumerate(TENS) if word
}
"""Word -> value for every single word above."""
