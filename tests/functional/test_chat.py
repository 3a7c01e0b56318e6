"""`no-contact-coach chat` in JSON mode: a scripted conversation, as another tool would drive it."""

from __future__ import annotations

from pathlib import Path

from tests.functional.harness import chat


def test_a_scripted_first_week_in_json_mode(tmp_path: Path) -> None:
    turns = chat(
        [
            "open no contact coach",
            "I last texted him on Sunday",
            "yes",
            "no",
            "what day am I on",
            "I want to text him",
            "no",
            "I slipped up",
            "yes",
            "stop",
            "how am I doing",
        ],
        tmp_path / "j.sqlite3",
    )
    assert [t["intent"] for t in turns] == [
        "LaunchRequest",
        "StartNoContactIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "WhatDayIntent",
        "UrgeIntent",
        "AMAZON.NoIntent",
        "SlipIntent",
        "AMAZON.YesIntent",
        "AMAZON.StopIntent",
        "ProgressIntent",
    ]
    for turn in turns:
        assert set(turn) == {"utterance", "intent", "slots", "speech", "reprompt", "end_session"}
        assert "<" not in turn["speech"]  # SSML rendered as text
        if not turn["end_session"]:
            assert turn["speech"].endswith("?") and turn["reprompt"]
    assert turns[1]["slots"] == {"date": "2026-11-29", "ex": "him"}
    assert "Sunday, November 22nd" in turns[1]["speech"]
    assert "day 7" in turns[4]["speech"] and turns[4]["end_session"]
    assert turns[9]["end_session"]
    assert "day 1" in turns[10]["speech"] and "6" in turns[10]["speech"]


def test_closing_and_reopening_keeps_the_journey(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    chat(["start no contact", "stop"], db)
    later = chat(["/today 2026-12-02", "what day am I on"], db)
    assert "day 5" in later[-1]["speech"]


def test_today_moves_the_date_and_opens_a_new_session(tmp_path: Path) -> None:
    turns = chat(["open no contact coach", "/today 2026-12-01", "yes"], tmp_path / "j.sqlite3")
    # "yes" arrives in a new session: there is no question for it to answer.
    assert turns[-1]["intent"] == "AMAZON.YesIntent"
    assert "day" not in turns[-1]["speech"].lower() or "?" in turns[-1]["speech"]


def test_each_person_on_one_account_keeps_their_own_count(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    chat(["start no contact"], db, "--person", "amzn1.ask.person.A")
    other = chat(["what day am I on"], db, "--person", "amzn1.ask.person.B")
    assert other[0]["end_session"] is False  # no journey yet: it offers to start
