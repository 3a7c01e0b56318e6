"""A warm Lambda container for bench/run.py: one process, one side, many requests.

    python bench/worker.py SIDE_DIR SIDE

SIDE_DIR holds that side's lambda_function.py (lambda/ or bench/baseline/). Commands
arrive on stdin, one JSON object a line, and each gets one JSON line back on stdout:

    {"first": 0, "sessions": 63}   play sessions of persons first..first+sessions-1
    {"quit": true}

Each answer lists one sample per request: [kind, handler ns, DynamoDB ns, operations].
DynamoDB calls are seen through botocore's event hooks, registered on every client the
side creates: `provide-client-params` names the operation (and whether a write carries
a condition), `after-call` ends the time spent in it. Counting costs both sides alike.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

SIDE_DIR, SIDE, API_ENDPOINT = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, SIDE_DIR)
sys.path.append(str(Path(__file__).resolve().parents[1] / "lambda"))

import botocore.session  # noqa: E402

from mix import attributes_after, session_turns  # noqa: E402

WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


class IoLog:
    """The DynamoDB operations of the current request and the time spent in them."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.ns = 0
        self._started = 0

    def reset(self) -> None:
        self.ops = []
        self.ns = 0

    def on_params(self, params: dict[str, Any], event_name: str, **_: Any) -> None:
        operation = event_name.rsplit(".", 1)[-1]
        if operation in WRITES and "ConditionExpression" in params:
            operation += "?"  # a conditional write
        self.ops.append(operation)
        self._started = time.perf_counter_ns()

    def on_after(self, **_: Any) -> None:
        self.ns += time.perf_counter_ns() - self._started

    def attach(self, client: Any) -> None:
        client.meta.events.register("provide-client-params.dynamodb", self.on_params)
        client.meta.events.register("after-call.dynamodb", self.on_after)


IO = IoLog()
_create_client = botocore.session.Session.create_client


def _counted_client(self: Any, *args: Any, **kwargs: Any) -> Any:
    client = _create_client(self, *args, **kwargs)
    IO.attach(client)
    return client


botocore.session.Session.create_client = _counted_client  # type: ignore[method-assign]

import lambda_function  # noqa: E402


def play(first: int, sessions: int, speech: dict[str, str]) -> list[list[Any]]:
    """Times every request; `speech` collects what each kind said first (for a sanity check)."""
    samples: list[list[Any]] = []
    handler = lambda_function.lambda_handler
    clock = time.perf_counter_ns
    for person in range(first, first + sessions):
        attributes: dict[str, Any] = {}
        for kind, build in session_turns(SIDE, person, API_ENDPOINT):
            event = build(attributes)
            IO.reset()
            started = clock()
            response = handler(event, None)
            elapsed = clock() - started
            attributes = attributes_after(response)
            said = response.get("response", {}).get("outputSpeech", {}).get("ssml", "")
            speech.setdefault(kind, said or "(directive)")
            samples.append([kind, elapsed, IO.ns, IO.ops])
    return samples


def main() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            return
        speech: dict[str, str] = {}
        samples = play(int(command["first"]), int(command["sessions"]), speech)
        sys.stdout.write(json.dumps({"samples": samples, "speech": speech}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
