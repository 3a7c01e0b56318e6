"""Fill a content template with the person's chosen pronoun for their ex.

Content texts carry pronoun tokens ({ex}, {Ex_subj}, {ex_is}, ...) so one text
reads well for "him", "her", "them" and, before the person has chosen, "your ex".
Plain stdlib only: this runs on every request.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from typing import Final

PRONOUN_CHOICES: Final = ("him", "her", "them")

# Keys are the stored preference; None means "not chosen yet".
FORMS: Final[Mapping[str | None, Mapping[str, str]]] = {
    "him": {
        "ex": "him",
        "ex_subj": "he",
        "Ex_subj": "He",
        "ex_poss": "his",
        "ex_is": "is",
        "ex_was": "was",
        "ex_has": "has",
        "ex_does": "does",
    },
    "her": {
        "ex": "her",
        "ex_subj": "she",
        "Ex_subj": "She",
        "ex_poss": "her",
        "ex_is": "is",
        "ex_was": "was",
        "ex_has": "has",
        "ex_does": "does",
    },
    "them": {
        "ex": "them",
        "ex_subj": "they",
        "Ex_subj": "They",
        "ex_poss": "their",
        "ex_is": "are",
        "ex_was": "were",
        "ex_has": "have",
        "ex_does": "do",
    },
    None: {
        "ex": "your ex",
        "ex_subj": "your ex",
        "Ex_subj": "Your ex",
        "ex_poss": "your ex's",
        "ex_is": "is",
        "ex_was": "was",
        "ex_has": "has",
        "ex_does": "does",
    },
}

PRONOUN_TOKENS: Final = frozenset(FORMS[None])


class MissingPlaceholderError(KeyError):
    """A template names a placeholder that no value was given for."""

    def __init__(self, name: str, template: str) -> None:
        super().__init__(name)
        self.name = name
        self.template = template

    def __str__(self) -> str:
        return f"no value for placeholder {{{self.name}}} in template {self.template!r}"


class _Values(dict[str, object]):
    """format_map mapping that names the template when a value is missing."""

    def __init__(self, values: Mapping[str, object], template: str) -> None:
        super().__init__(values)
        self._template = template

    def __missing__(self, key: str) -> object:
        raise MissingPlaceholderError(key, self._template)


def forms_for(pronoun: str | None) -> Mapping[str, str]:
    """The token values for a stored pronoun preference (None: "your ex")."""
    try:
        return FORMS[pronoun]
    except KeyError as e:
        raise ValueError(f"unknown pronoun {pronoun!r}; expected one of {PRONOUN_CHOICES}") from e


def placeholders(template: str) -> frozenset[str]:
    """Every placeholder name a template uses, e.g. {"ex", "day"}."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def render(template: str, pronoun: str | None, **values: object) -> str:
    """Fill pronoun tokens for `pronoun` and the given values into `template`.

    Raises MissingPlaceholderError (a KeyError) naming the placeholder and the
    template when a value is missing, so a content bug is obvious in the logs.
    """
    mapping = _Values({**forms_for(pronoun), **values}, template)
    return template.format_map(mapping)
