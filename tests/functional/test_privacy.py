"""Privacy: "delete my data", disabling the skill, and people who share one Echo."""

from __future__ import annotations

from pathlib import Path

from no_contact_coach.entrypoints.envelopes import (
    Caller,
    envelope,
    skill_disabled_event,
)
from no_contact_coach.storage.port import ACCOUNT_MARKER, PersonKey
from no_contact_coach.storage.sqlite import SqliteStore
from tests.dialogs import NOON, Person, skill_handler

HOME = "amzn1.ask.account.HOME"
ALEX = "amzn1.ask.person.ALEX"
SAM = "amzn1.ask.person.SAM"
NEIGHBOUR = "amzn1.ask.account.NEIGHBOUR"


def household(tmp_path: Path) -> tuple[SqliteStore, dict[str, Person]]:
    store = SqliteStore(tmp_path / "j.sqlite3")
    handler = skill_handler(store)
    people = {
        "alex": Person(handler, Caller(user_id=HOME, person_id=ALEX)),
        "sam": Person(handler, Caller(user_id=HOME, person_id=SAM)),
        "unrecognised": Person(handler, Caller(user_id=HOME)),
        "neighbour": Person(handler, Caller(user_id=NEIGHBOUR)),
    }
    for person in people.values():
        person.start_today()
    return store, people


def test_delete_my_data_after_yes_erases_only_the_speakers_journey(tmp_path: Path) -> None:
    store, people = household(tmp_path)
    question = people["alex"].one_shot("DeleteDataIntent")
    assert question.is_line("delete_confirm") and not question.ends_session

    done = people["alex"].in_session("AMAZON.YesIntent", question.attributes)

    assert done.is_line("delete_done") and done.ends_session
    assert store.get(PersonKey(HOME, ALEX)) is None
    for key in (PersonKey(HOME, SAM), PersonKey(HOME), PersonKey(NEIGHBOUR)):
        assert store.get(key) is not None
    assert people["alex"].one_shot("WhatDayIntent").is_line("no_journey")


def test_delete_my_data_answered_no_keeps_everything(tmp_path: Path) -> None:
    store, people = household(tmp_path)
    before = store.get(PersonKey(HOME, ALEX))
    question = people["alex"].one_shot("DeleteDataIntent")

    kept = people["alex"].in_session("AMAZON.NoIntent", question.attributes)

    assert kept.is_line("delete_kept")
    assert store.get(PersonKey(HOME, ALEX)) == before


def test_a_yes_to_some_other_question_deletes_nothing(tmp_path: Path) -> None:
    store, people = household(tmp_path)
    question = people["alex"].one_shot("DeleteDataIntent")
    people["alex"].in_session("AMAZON.HelpIntent", question.attributes)  # moves on
    people["alex"].in_session("AMAZON.YesIntent", {})
    assert store.get(PersonKey(HOME, ALEX)) is not None


def test_with_nothing_saved_there_is_nothing_to_confirm(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "j.sqlite3")
    said = Person(skill_handler(store), Caller(user_id=HOME)).one_shot("DeleteDataIntent")
    assert said.is_line("delete_nothing") and said.ends_session


def test_disabling_the_skill_removes_every_row_of_the_account_and_only_that(
    tmp_path: Path,
) -> None:
    store, people = household(tmp_path)
    event = envelope(skill_disabled_event(NOON), Caller(user_id=HOME), None)

    people["alex"].handler(event, None)

    for key in (PersonKey(HOME, ALEX), PersonKey(HOME, SAM), PersonKey(HOME)):
        assert store.get(key) is None
    assert store.get(PersonKey(NEIGHBOUR)) is not None


def test_people_sharing_an_echo_keep_separate_journeys(tmp_path: Path) -> None:
    store, people = household(tmp_path)
    people["alex"].urge()
    people["alex"].urge()
    people["sam"].slip_and_yes()

    alex, sam = store.get(PersonKey(HOME, ALEX)), store.get(PersonKey(HOME, SAM))
    assert alex is not None and sam is not None
    assert (alex.state.urge_count, alex.state.slips) == (2, 0)
    assert (sam.state.urge_count, sam.state.slips) == (0, 1)


def test_a_request_without_a_person_uses_the_accounts_own_row(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "j.sqlite3")
    anyone = Person(skill_handler(store), Caller(user_id=HOME))
    anyone.start_today()
    anyone.urge()

    account = store.get(PersonKey(HOME, ACCOUNT_MARKER))
    assert account is not None and account.state.urge_count == 1
    recognised = Person(anyone.handler, Caller(user_id=HOME, person_id=ALEX))
    assert recognised.one_shot("WhatDayIntent").is_line("no_journey")  # not the account's row
    assert store.get(PersonKey(HOME, ALEX)) is None
