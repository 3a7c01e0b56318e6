"""`no-contact-coach`: the local conversation and the web service."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from ..voice.timezones import locale_default_zone, zone_or_none

LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="no-contact-coach", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="talk to the skill in this terminal")
    chat.add_argument("--today", type=date.fromisoformat, help="pretend date, YYYY-MM-DD")
    chat.add_argument(
        "--tz", help="IANA time zone the Settings API reports (default: this machine's)"
    )
    chat.add_argument("--user", default="amzn1.ask.account.LOCALCHAT", help="Alexa user id")
    chat.add_argument("--person", help="Alexa person id (a recognised voice profile)")
    chat.add_argument("--locale", default="en-US", choices=LOCALES)
    chat.add_argument(
        "--db", type=Path, help="SQLite file (default: NO_CONTACT_DB or the data directory)"
    )

    serve = commands.add_parser("serve", help="run the skill as an Alexa web service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--no-verify",
        action="store_true",
        help="skip Alexa request verification (local testing only)",
    )

    args = parser.parse_args(argv)
    if args.command == "chat":
        return run_chat(args)
    return run_serve(args)


def machine_zone() -> str | None:
    """This machine's IANA zone name, if it can be told (TZ, then /etc/localtime)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if zone_or_none(name):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    if marker in target:
        candidate = target.split(marker, 1)[1]
        return candidate if zone_or_none(candidate) else None
    return None


def run_chat(args: argparse.Namespace) -> int:
    from ..entrypoints.chat import MODEL_DIR, Conversation, FixedZoneApiClient, prompt_lines, run
    from ..entrypoints.envelopes import Caller
    from ..entrypoints.lambda_entry import build_handler
    from ..entrypoints.resolver import Resolver
    from ..logs import configure_logging
    from ..storage.factory import store_from_env
    from ..storage.sqlite import SqliteStore
    from ..voice.skill import build_skill
    from ..voice.waiting import TIMERS_SCOPE

    configure_logging(os.environ.get("LOG_LEVEL", "WARNING"))
    zone_name = args.tz or machine_zone()
    if args.tz and zone_or_none(args.tz) is None:
        print(f"unknown time zone: {args.tz}", file=sys.stderr)
        return 2
    zone = zone_or_none(zone_name) or locale_default_zone(args.locale)
    store = SqliteStore(args.db) if args.db else store_from_env()
    services = FixedZoneApiClient(zone_name)
    skill = build_skill(store, api_client=services, skill_id="")
    model_path = MODEL_DIR / f"{args.locale}.json"
    if not model_path.exists():
        model_path = MODEL_DIR / "en-US.json"
    today = args.today or date.today()
    resolver = Resolver.from_file(model_path, today=today)
    conversation = Conversation(
        build_handler(skill),
        resolver,
        # The chat plays a person who granted the reminders permission.
        caller=Caller(
            user_id=args.user,
            person_id=args.person,
            consent_token="local-consent",
            granted_scopes=(TIMERS_SCOPE,),  # and timers, which FixedZoneApiClient sets
        ),
        zone=zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone)),
        locale=args.locale,
        today=args.today,
        notes=services.take_notes,
    )
    interactive = sys.stdin.isatty()
    if interactive:
        print(
            'No Contact Coach, in your terminal. Say what you would say to Alexa, e.g. "open no contact coach",\n'
            '"what day am I on", "I want to text him", "I slipped up", "help". /today YYYY-MM-DD moves the date; Ctrl-D quits.'
        )
        run(prompt_lines(sys.stdin), conversation, sys.stdout, as_json=False)
    else:
        run(sys.stdin, conversation, sys.stdout, as_json=True)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from ..entrypoints.web import serve

    serve(args.host, args.port, verify=not args.no_verify)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
