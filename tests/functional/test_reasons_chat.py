"""In `no-contact-coach chat`: three reasons, an urge that brings one back, a timer shown."""

from __future__ import annotations

from pathlib import Path

from tests.functional.harness import chat

REASONS = ["he never listened", "she cancelled my birthday", "<speak>he lied</speak> & left"]


def test_reasons_an_urge_and_a_timer_in_the_chat(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    turns = chat(
        [
            "add a reason he never listened",
            "yes",
            "remember that she cancelled my birthday",
            "yes",
            f"write this down {REASONS[2]}",
            "yes",
            "what are my reasons",
            "stop",
            "I want to text him",
            "yes",
            "help me wait it out",
        ],
        db,
    )

    assert [t["intent"] for t in turns[:7:2]] == ["AddReasonIntent"] * 3 + ["ListReasonsIntent"]
    assert turns[4]["slots"] == {"reason": REASONS[2]}
    assert REASONS[2] in turns[4]["speech"]  # read back as text, not as markup
    listed = turns[6]["speech"]
    assert [listed.index(r) for r in reversed(REASONS)] == sorted(
        listed.index(r) for r in REASONS
    )  # newest first
    urge = turns[8]
    assert urge["intent"] == "UrgeIntent"
    assert sum(r in urge["speech"] for r in REASONS) == 1
    timer = turns[10]
    assert timer["intent"] == "WaitItOutIntent" and timer["end_session"]
    assert "15 minutes" in timer["speech"]
    (note,) = timer["notes"]
    assert "PT15M" in note and "15 minutes are up" in note
    assert all("notes" not in t for t in turns[:10])


def test_delete_my_data_removes_the_reasons_in_the_chat(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    chat(["add a reason he never listened", "yes"], db)

    turns = chat(["delete my data", "yes", "what are my reasons"], db)

    assert turns[0]["intent"] == "DeleteDataIntent"
    assert "he never listened" not in turns[2]["speech"]
    assert "empty" in turns[2]["speech"]
