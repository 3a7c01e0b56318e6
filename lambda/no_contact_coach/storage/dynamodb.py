"""DynamoDB adapter: one item per person, written only if nobody wrote it since it was read.

The client is injected (tests pass moto's) or built once per process with
time-outs that keep the whole request inside Alexa's 8-second answer window.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError

from ..journey.model import JourneyState
from .codec import from_data, to_data
from .port import ConflictError, PersonKey, Stored, StoreError, UnreadableState

if TYPE_CHECKING:
    from botocore.client import BaseClient

PARTITION_KEY = "userId"
SORT_KEY = "personId"
VERSION = "version"
WRITE_TOKEN = "writeToken"
_RESERVED = {PARTITION_KEY, SORT_KEY, VERSION, WRITE_TOKEN}

# Per attempt: 0.5 s to connect, 1 s to answer; two attempts in all. A read and a
# write that both exhaust this still leave the skill time to apologise within 8 s.
CONNECT_TIMEOUT_S = 0.5
READ_TIMEOUT_S = 1.0
MAX_ATTEMPTS = 2


def build_client() -> BaseClient:
    """A DynamoDB client honouring AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and credentials."""
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=CONNECT_TIMEOUT_S,
        read_timeout=READ_TIMEOUT_S,
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    )
    return boto3.session.Session().client("dynamodb", config=config)


class DynamoDbStore:
    def __init__(self, table_name: str, client: BaseClient | None = None) -> None:
        from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

        self._table = table_name
        self._client = client if client is not None else build_client()
        self._serializer = TypeSerializer()
        self._deserializer = TypeDeserializer()

    def _key(self, key: PersonKey) -> dict[str, Any]:
        return {PARTITION_KEY: {"S": key.user_id}, SORT_KEY: {"S": key.person_id}}

    def get(self, key: PersonKey) -> Stored | None:
        try:
            response = self._client.get_item(
                TableName=self._table, Key=self._key(key), ConsistentRead=True
            )
        except (ClientError, BotoCoreError) as e:
            raise _store_error(e) from e
        item = response.get("Item")
        if item is None:
            return None
        data = {k: _plain(self._deserializer.deserialize(v)) for k, v in item.items()}
        version = data.get(VERSION)
        if not isinstance(version, int):
            raise UnreadableState("item has no version")
        return Stored(from_data(data), version)

    def put(self, key: PersonKey, state: JourneyState, expected_version: int | None) -> int:
        new_version = 1 if expected_version is None else expected_version + 1
        item = {k: self._serializer.serialize(v) for k, v in to_data(state).items()}
        item.update(self._key(key))
        item[VERSION] = {"N": str(new_version)}
        # A write whose answer was lost (a read time-out) is retried by botocore and
        # then fails its own condition. The token tells "my first try landed" from
        # "someone else wrote": without it the change would be re-applied, twice.
        token = uuid.uuid4().hex
        item[WRITE_TOKEN] = {"S": token}
        if expected_version is None:
            condition: dict[str, Any] = {
                "ConditionExpression": "attribute_not_exists(#pk)",
                "ExpressionAttributeNames": {"#pk": PARTITION_KEY},
            }
        else:
            condition = {
                "ConditionExpression": "#v = :expected",
                "ExpressionAttributeNames": {"#v": VERSION},
                "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}},
            }
        try:
            self._client.put_item(
                TableName=self._table,
                Item=item,
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
                **condition,
            )
        except ClientError as e:
            if _code(e) == "ConditionalCheckFailedException":
                if _written_by(e, token, new_version):
                    return new_version
                raise ConflictError(f"journey changed since version {expected_version}") from e
            raise _store_error(e) from e
        except BotoCoreError as e:
            raise _store_error(e) from e
        return new_version

    def delete(self, key: PersonKey) -> None:
        try:
            self._client.delete_item(TableName=self._table, Key=self._key(key))
        except (ClientError, BotoCoreError) as e:
            raise _store_error(e) from e

    def delete_account(self, user_id: str) -> int:
        removed = 0
        query: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :u",
            "ExpressionAttributeNames": {"#pk": PARTITION_KEY, "#sk": SORT_KEY},
            "ExpressionAttributeValues": {":u": {"S": user_id}},
            "ProjectionExpression": "#sk",
        }
        try:
            while True:
                page = self._client.query(**query)
                for item in page.get("Items", []):
                    person = item[SORT_KEY]["S"]
                    self.delete(PersonKey(user_id, person))
                    removed += 1
                if "LastEvaluatedKey" not in page:
                    return removed
                query["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        except (ClientError, BotoCoreError) as e:
            raise _store_error(e) from e


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; a journey holds only integers."""
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise UnreadableState("a fractional number: this code never writes one")
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _written_by(error: ClientError, token: str, version: int) -> bool:
    """True when the item that failed the condition is this very write, landed earlier."""
    current = error.response.get("Item") or {}
    return bool(
        current.get(WRITE_TOKEN) == {"S": token} and current.get(VERSION) == {"N": str(version)}
    )


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


_THROTTLED = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
}


def _store_error(error: Exception) -> StoreError:
    """One StoreError per failure, its `kind` naming the cause for logs (never the key)."""
    from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError

    if isinstance(error, ClientError):
        code = _code(error) or "error"
        if code in _THROTTLED:
            kind = "throttled"
        elif code == "ResourceNotFoundException":
            kind = "missing_table"
        else:
            kind = "client_error"
        return StoreError(f"dynamodb {code}", kind=kind)
    if isinstance(error, ConnectTimeoutError | ReadTimeoutError):
        return StoreError(f"dynamodb timed out: {type(error).__name__}", kind="timeout")
    return StoreError(f"dynamodb unreachable: {type(error).__name__}", kind="unreachable")
