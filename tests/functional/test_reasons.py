"""The person's own reasons, by voice: added after a read-back, read newest first, removed.

And at an urge: one of them comes back, never the same one twice in a row, and
on a shared device only after asking.
"""

from __future__ import annotations

import copy
import re
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from no_contact_coach.journey.model import JourneyState
from no_contact_coach.journey.reasons import MAX_REASONS
from no_contact_coach.storage.port import PersonKey
from tests.conftest import load_event
from tests.functional.harness import Reply, Skill

USER = load_event("urge_text_him")["context"]["System"]["user"]["userId"]
ACCOUNT = PersonKey(USER)
PARTNER = "amzn1.ask.person.PARTNER"


@pytest.fixture
def skill(tmp_path: Path) -> Skill:
    return Skill(tmp_path / "journeys.sqlite3")


def state_of(skill: Skill, key: PersonKey = ACCOUNT) -> JourneyState:
    stored = skill.store.get(key)
    assert stored is not None
    return stored.state


def reasons_of(skill: Skill, key: PersonKey = ACCOUNT) -> list[str]:
    stored = skill.store.get(key)
    return [r.text for r in stored.state.reasons] if stored else []


def add(skill: Skill, text: str, *, answer: str = "yes") -> Reply:
    skill.send("add_reason", reason=text)
    return skill.send(answer, continue_session=True)


def as_person(event: str, person: str | None) -> dict[str, Any]:
    envelope = load_event(event)
    system = envelope["context"]["System"]
    if person:
        system["person"] = {"personId": person}
    else:
        system.pop("person", None)
    return envelope


def intent(name: str) -> dict[str, Any]:
    envelope = load_event("urge_text_him")
    envelope["request"]["intent"] = {"name": name, "confirmationStatus": "NONE", "slots": {}}
    return envelope


# --- adding ---------------------------------------------------------------------------


def test_a_reason_is_read_back_and_saved_only_on_yes(skill: Skill) -> None:
    asked = skill.send("add_reason", reason="he never listened")
    assert asked.says("he never listened")
    assert asked.speech.endswith("?") and not asked.ends_session
    assert skill.store.get(ACCOUNT) is None  # nothing kept before the yes

    saved = skill.send("yes", continue_session=True)

    assert saved.says("1")
    assert reasons_of(skill) == ["he never listened"]
    assert state_of(skill).reasons[0].added.isoformat() == "2026-11-28"


def test_no_to_the_read_back_discards_the_reason(skill: Skill) -> None:
    reply = add(skill, "she never called back", answer="no")

    assert reply.says("left that one out")
    assert reasons_of(skill) == []


def test_a_reason_without_words_is_asked_for_again_and_nothing_is_kept(skill: Skill) -> None:
    envelope = load_event("add_reason")
    del envelope["request"]["intent"]["slots"]["reason"]["value"]

    reply = skill.send(envelope)

    assert reply.says("add a reason") and reply.speech.endswith("?")
    assert "pending" not in reply.session_attributes
    assert skill.store.get(ACCOUNT) is None


def test_a_reason_over_two_hundred_characters_is_refused_kindly(skill: Skill) -> None:
    reply = skill.send("add_reason", reason="he was late " * 20)

    assert reply.says("fewer words")
    assert "pending" not in reply.session_attributes


def test_control_characters_and_runs_of_spaces_are_cleaned_before_the_read_back(
    skill: Skill,
) -> None:
    add(skill, "he\x00 never\t\t  listened\u200b ")

    assert reasons_of(skill) == ["he never listened"]


def test_the_same_reason_twice_is_kept_once(skill: Skill) -> None:
    add(skill, "he never listened")
    reply = skill.send("add_reason", reason="He never  listened")

    assert reply.says("already on your list")
    assert reasons_of(skill) == ["he never listened"]


def test_a_full_list_refuses_the_fifty_first_reason(skill: Skill) -> None:
    for n in range(MAX_REASONS):
        add(skill, f"reason number {n}")

    reply = skill.send("add_reason", reason="one too many")

    assert reply.says(str(MAX_REASONS), "delete the last reason")
    assert len(reasons_of(skill)) == MAX_REASONS


# --- reading ----------------------------------------------------------------------------


def test_reasons_are_read_newest_first_a_few_at_a_time(skill: Skill) -> None:
    for text in ("first one", "second one", "third one", "fourth one", "fifth one"):
        add(skill, text)

    page = skill.send("list_reasons")
    assert page.says("5")
    spoken = page.speech
    assert spoken.index("fifth one") < spoken.index("fourth one") < spoken.index("third one")
    assert "second one" not in spoken
    assert page.speech.endswith("?") and not page.ends_session

    rest = skill.send("next", continue_session=True)
    assert rest.says("second one", "first one", "whole list")
    assert "fifth one" not in rest.speech


def test_yes_to_read_more_goes_on_and_no_stops(skill: Skill) -> None:
    for n in range(4):
        add(skill, f"reason {n}")

    skill.send("list_reasons")
    assert skill.send("yes", continue_session=True).says("reason 0")

    skill.send("list_reasons")
    stopped = skill.send("no", continue_session=True)
    assert stopped.ends_session and "reason 0" not in stopped.speech


def test_an_empty_list_says_how_to_add_one(skill: Skill) -> None:
    reply = skill.send("list_reasons")

    assert reply.says("empty", "add a reason")


def test_a_reason_with_markup_is_read_back_as_text_in_valid_ssml(skill: Skill) -> None:
    text = "<speak>he lied</speak> & said <break time='10s'/> it was \"fine\""

    asked = skill.send("add_reason", reason=text)
    skill.send("yes", continue_session=True)
    listed = skill.send("list_reasons")

    for reply in (asked, listed):
        ssml = reply.response["outputSpeech"]["ssml"]
        root = ElementTree.fromstring(ssml)  # well-formed: one <speak>, nothing injected
        assert root.tag == "speak"
        assert [child.tag for child in root.iter()] in (["speak"], ["speak", "break"])
        assert "&lt;speak&gt;he lied&lt;/speak&gt; &amp; said" in ssml
        assert text in reply.speech  # what the person hears is their own words
    assert reasons_of(skill) == [text]


# --- removing ---------------------------------------------------------------------------


def test_delete_the_last_reason_names_it_and_removes_it_on_yes(skill: Skill) -> None:
    add(skill, "older reason")
    add(skill, "newest reason")

    asked = skill.send("delete_last_reason")
    assert asked.says("newest reason") and asked.speech.endswith("?")
    assert len(reasons_of(skill)) == 2

    done = skill.send("yes", continue_session=True)
    assert done.says("1")
    assert reasons_of(skill) == ["older reason"]


def test_no_keeps_the_last_reason(skill: Skill) -> None:
    add(skill, "keep me")
    skill.send("delete_last_reason")

    reply = skill.send("no", continue_session=True)

    assert reply.says("stays")
    assert reasons_of(skill) == ["keep me"]


def test_clear_my_reasons_asks_first_and_keeps_the_rest_of_the_journey(skill: Skill) -> None:
    skill.send("launch")
    skill.send("yes", continue_session=True)  # a count running since today
    add(skill, "one")
    add(skill, "two")

    asked = skill.send("clear_reasons")
    assert asked.says("2") and asked.speech.endswith("?")
    assert skill.send("no", continue_session=True).says("stays")
    assert reasons_of(skill) == ["one", "two"]

    skill.send("clear_reasons")
    skill.send("yes", continue_session=True)

    assert reasons_of(skill) == []
    assert state_of(skill).has_started


def test_removing_from_an_empty_list_says_there_is_nothing(skill: Skill) -> None:
    assert skill.send("delete_last_reason").says("empty")
    assert skill.send("clear_reasons").says("empty")


def test_delete_my_data_takes_the_reasons_with_it(skill: Skill) -> None:
    add(skill, "he never listened")

    skill.send(intent("DeleteDataIntent"))
    skill.send("yes", continue_session=True)

    assert skill.store.get(ACCOUNT) is None


def test_disabling_the_skill_removes_every_persons_reasons(skill: Skill) -> None:
    add(skill, "mine")
    skill.send(as_person("add_reason", PARTNER), reason="theirs")
    skill.send(as_person("yes", PARTNER), continue_session=True)
    assert reasons_of(skill, PersonKey(USER, PARTNER)) == ["theirs"]

    skill.send("skill_disabled")

    assert skill.store.get(ACCOUNT) is None
    assert skill.store.get(PersonKey(USER, PARTNER)) is None


# --- at an urge -------------------------------------------------------------------------


def urge(skill: Skill, person: str | None = None) -> Reply:
    return skill.send(as_person("urge_text_him", person))


def quoted_reason(reply: Reply, candidates: list[str]) -> str:
    heard = [c for c in candidates if c in reply.speech]
    assert len(heard) == 1, reply.speech
    return heard[0]


def test_an_urge_brings_back_one_of_your_reasons_and_asks_if_it_still_holds(
    skill: Skill,
) -> None:
    add(skill, "he never listened")

    reply = urge(skill)

    assert reply.says("he never listened")
    assert reply.speech.endswith("?") and reply.reprompt
    assert reply.session_attributes["pending"]["kind"] == "reason_check"
    assert state_of(skill).urge_count == 1


def test_after_the_reason_the_timer_and_the_exercise_are_offered(skill: Skill) -> None:
    add(skill, "he never listened")
    urge(skill)

    reply = skill.send("yes", continue_session=True)

    assert reply.says("wait it out", "15", "exercise")
    assert reply.session_attributes["pending"]["kind"] == "exercise"
    urge(skill)
    no_longer = skill.send("no", continue_session=True)
    assert no_longer.says("change your list", "wait it out", "exercise")


def test_an_urge_never_brings_back_the_same_reason_twice_in_a_row(skill: Skill) -> None:
    texts = ["he never listened", "she cancelled my birthday", "they lied about money"]
    for text in texts:
        add(skill, text)

    heard = [quoted_reason(urge(skill), texts) for _ in range(8)]

    assert all(a != b for a, b in pairwise(heard))


def test_without_reasons_an_urge_offers_the_wait_and_the_exercise(skill: Skill) -> None:
    reply = urge(skill)

    assert reply.says("help me wait it out")
    assert reply.session_attributes["pending"]["kind"] == "exercise"


def test_on_a_shared_device_an_unrecognised_voice_is_asked_before_a_reason_is_read(
    skill: Skill,
) -> None:
    add(skill, "he never listened")
    skill.send(as_person("urge_text_him", PARTNER))  # someone else keeps a journey here

    asked = urge(skill)

    assert "he never listened" not in asked.speech
    assert asked.speech.endswith("?")
    assert asked.session_attributes["pending"]["kind"] == "reason_aloud"
    heard = skill.send("yes", continue_session=True)
    assert heard.says("he never listened")
    assert state_of(skill).last_reason == "he never listened"


def test_no_to_reading_aloud_keeps_the_reason_private(skill: Skill) -> None:
    add(skill, "he never listened")
    skill.send(as_person("urge_text_him", PARTNER))
    urge(skill)

    reply = skill.send("no", continue_session=True)

    assert "he never listened" not in reply.speech
    assert reply.says("wait it out")


def test_a_recognised_voice_hears_its_own_reason_without_being_asked(skill: Skill) -> None:
    skill.send(as_person("add_reason", PARTNER), reason="theirs, not mine")
    skill.send(as_person("yes", PARTNER), continue_session=True)

    reply = urge(skill, PARTNER)

    assert reply.says("theirs, not mine")


def test_a_second_person_marks_the_account_row_once(skill: Skill) -> None:
    urge(skill, PARTNER)
    urge(skill, PARTNER)

    assert state_of(skill).shared_device_seen
    assert state_of(skill, PersonKey(USER, PARTNER)).shared_device_seen
    assert skill.store.get(ACCOUNT) is not None and skill.store.get(ACCOUNT).version == 1


def test_the_urge_answers_are_well_formed_ssml_with_a_reason_of_markup(skill: Skill) -> None:
    add(skill, "he said <speak> & left")

    reply = urge(skill)

    ssml = reply.response["outputSpeech"]["ssml"]
    assert ElementTree.fromstring(ssml).tag == "speak"
    assert re.search(r"&lt;speak&gt; &amp; left", ssml)


def test_the_reasons_dialog_works_in_every_english_locale(tmp_path: Path, locale: str) -> None:
    skill = Skill(tmp_path / "journeys.sqlite3", locale=locale)
    add(skill, "he never listened")

    listed = skill.send("list_reasons")
    heard = urge(skill)

    assert listed.says("he never listened") and heard.says("he never listened")


def test_pending_text_changed_in_the_session_cannot_save_an_oversized_reason(
    skill: Skill,
) -> None:
    skill.send("add_reason", reason="fine")
    skill.session = copy.deepcopy(skill.session)
    skill.session["pending"]["text"] = "x" * 500

    reply = skill.send("yes", continue_session=True)

    assert reply.says("add a reason")
    assert reasons_of(skill) == []
