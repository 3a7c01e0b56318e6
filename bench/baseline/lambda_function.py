"""The smallest ask-sdk-core skill doing the skill's I/O: the yardstick of bench/run.py.

One handler answers every request: it reads the caller's item with one GetItem (a
boto3 client built once per container, on the first request) and, for the two
requests the skill writes for in the bench's mix (an urge, a confirmed slip), puts
it back with one conditional PutItem. It says "Hello." and nothing else.

It deliberately has no Settings API call, no content, no logging and no error
handling: whatever the skill spends beyond this is the price of its features.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import Response

TABLE = os.environ.get("NO_CONTACT_TABLE", "journeys")
# The intents the skill answers with a write in the bench's mix (bench/run.py).
WRITING_INTENTS = {"UrgeIntent", "AMAZON.YesIntent"}

_client: Any = None


def client() -> Any:
    global _client
    if _client is None:
        _client = boto3.client("dynamodb")
    return _client


class HelloHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        envelope = handler_input.request_envelope
        key = {
            "userId": {"S": envelope.context.system.user.user_id},
            "personId": {"S": "#account"},
        }
        item = client().get_item(TableName=TABLE, Key=key, ConsistentRead=True).get("Item")
        intent = getattr(envelope.request, "intent", None)
        if item and getattr(intent, "name", None) in WRITING_INTENTS:
            version = item["version"]["N"]
            client().put_item(
                TableName=TABLE,
                Item={**item, "version": {"N": str(int(version) + 1)}},
                ConditionExpression="#v = :expected",
                ExpressionAttributeNames={"#v": "version"},
                ExpressionAttributeValues={":expected": {"N": version}},
            )
        return handler_input.response_builder.speak("Hello.").ask("Anything else?").response


_builder = SkillBuilder()
_builder.add_request_handler(HelloHandler())
lambda_handler = _builder.lambda_handler()
