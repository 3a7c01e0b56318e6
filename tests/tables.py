"""The journeys table as infra/template.yaml defines it, for every test that needs one."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).resolve().parents[1] / "infra" / "template.yaml"


@functools.cache
def table_definition_from_template() -> dict[str, Any]:
    """KeySchema, AttributeDefinitions and BillingMode of the template's one table."""
    from cfnlint.decode import decode

    template, problems = decode(str(TEMPLATE))
    assert template is not None and not problems
    (table,) = (r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
    properties = table["Properties"]
    # Through JSON: plain dicts and strings, as boto3 expects them.
    definition: dict[str, Any] = json.loads(
        json.dumps(
            {key: properties[key] for key in ("KeySchema", "AttributeDefinitions", "BillingMode")}
        )
    )
    return definition


def create_table(client: Any, name: str) -> str:
    """Create the table `name` with the production key schema; returns the name."""
    client.create_table(TableName=name, **table_definition_from_template())
    return name
