"""Domain errors: each one has a kind spoken answer in the voice layer."""

from __future__ import annotations


class JourneyError(Exception):
    """Base class for a request the journey cannot carry out."""


class NotStarted(JourneyError):
    """The person has no running count."""


class DateUnclear(JourneyError):
    """The spoken date cannot be read as one day."""


class DateInFuture(JourneyError):
    """Every reading of the spoken date lies after today."""


class DateTooOld(JourneyError):
    """The spoken date lies more than a year back."""
