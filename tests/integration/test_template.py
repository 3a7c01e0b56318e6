"""infra/template.yaml: valid CloudFormation, and in step with the code it deploys."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode
from tools import package

from no_contact_coach.storage import dynamodb

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
# Alexa abandons a request it has not had an answer to after this long.
ALEXA_ANSWER_WINDOW_S = 8
ITEM_OPERATIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"}


def load_template() -> dict[str, Any]:
    template, problems = decode(str(TEMPLATE))
    assert not problems, [str(p) for p in problems]
    assert template is not None
    return dict(template)


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


def resources_of_type(template: dict[str, Any], kind: str) -> dict[str, Any]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def the_one(template: dict[str, Any], kind: str) -> tuple[str, dict[str, Any]]:
    found = resources_of_type(template, kind)
    assert len(found) == 1, f"expected one {kind}, found {sorted(found)}"
    name, resource = next(iter(found.items()))
    return name, resource


def cfn_lint() -> str:
    beside_python = Path(sys.executable).parent / "cfn-lint"
    found = str(beside_python) if beside_python.exists() else shutil.which("cfn-lint")
    assert found, "cfn-lint is not installed (it is in the dev extra)"
    return found


def test_cfn_lint_finds_nothing_wrong_with_the_template() -> None:
    result = subprocess.run(
        [cfn_lint(), "--", str(TEMPLATE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_table_key_schema_is_the_one_the_dynamodb_adapter_uses(
    template: dict[str, Any],
) -> None:
    _, table = the_one(template, "AWS::DynamoDB::Table")
    properties = table["Properties"]
    keys = {k["KeyType"]: k["AttributeName"] for k in properties["KeySchema"]}
    assert keys == {"HASH": dynamodb.PARTITION_KEY, "RANGE": dynamodb.SORT_KEY}
    attributes = {
        a["AttributeName"]: a["AttributeType"] for a in properties["AttributeDefinitions"]
    }
    assert attributes == {dynamodb.PARTITION_KEY: "S", dynamodb.SORT_KEY: "S"}


def test_the_table_is_on_demand_recoverable_encrypted_and_protected(
    template: dict[str, Any],
) -> None:
    _, table = the_one(template, "AWS::DynamoDB::Table")
    properties = table["Properties"]
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert properties["SSESpecification"]["SSEEnabled"] is True
    assert properties["DeletionProtectionEnabled"] is True
    assert table["DeletionPolicy"] == "Retain"
    assert "TimeToLiveSpecification" not in properties  # nothing in the code sets an expiry


def test_the_function_may_do_only_the_four_item_operations_and_only_on_the_table(
    template: dict[str, Any],
) -> None:
    table_name, _ = the_one(template, "AWS::DynamoDB::Table")
    _, function = the_one(template, "AWS::Serverless::Function")
    policies = function["Properties"]["Policies"]
    statements = [s for policy in policies for s in policy["Statement"]]
    actions = {a for s in statements for a in s["Action"]}
    assert actions == ITEM_OPERATIONS
    for statement in statements:
        assert statement["Effect"] == "Allow"
        assert statement["Resource"] == {"Fn::GetAtt": [table_name, "Arn"]}


def test_the_function_runs_python_on_arm64_as_the_package_is_built_for(
    template: dict[str, Any],
) -> None:
    _, function = the_one(template, "AWS::Serverless::Function")
    properties = function["Properties"]
    assert properties["Architectures"] == [package.ARCHITECTURE] == ["arm64"]
    assert properties["Runtime"] == f"python{package.PYTHON_VERSION}"
    major, minor = (int(part) for part in package.PYTHON_VERSION.split("."))
    assert (major, minor) >= (3, 12)
    assert properties["Handler"] == "lambda_function.lambda_handler"
    assert (ROOT / "lambda" / "lambda_function.py").is_file()


def test_the_function_deploys_the_directory_make_package_builds(
    template: dict[str, Any],
) -> None:
    _, function = the_one(template, "AWS::Serverless::Function")
    code = (TEMPLATE.parent / function["Properties"]["CodeUri"]).resolve()
    assert code == package.BUILD_DIR


def test_only_the_configured_skill_can_invoke_the_function(template: dict[str, Any]) -> None:
    _, function = the_one(template, "AWS::Serverless::Function")
    events = list(function["Properties"]["Events"].values())
    assert events == [{"Type": "AlexaSkill", "Properties": {"SkillId": {"Ref": "SkillId"}}}]
    assert template["Parameters"]["SkillId"]["Type"] == "String"


def test_the_function_learns_its_skill_id_and_table_from_the_environment(
    template: dict[str, Any],
) -> None:
    table_name, _ = the_one(template, "AWS::DynamoDB::Table")
    _, function = the_one(template, "AWS::Serverless::Function")
    variables = function["Properties"]["Environment"]["Variables"]
    assert variables == {"SKILL_ID": {"Ref": "SkillId"}, "NO_CONTACT_TABLE": {"Ref": table_name}}


def test_the_timeout_ends_inside_alexas_window_and_covers_the_stores_worst_case(
    template: dict[str, Any],
) -> None:
    _, function = the_one(template, "AWS::Serverless::Function")
    timeout = function["Properties"]["Timeout"]
    per_call = dynamodb.MAX_ATTEMPTS * (dynamodb.CONNECT_TIMEOUT_S + dynamodb.READ_TIMEOUT_S)
    one_read_and_one_write = 2 * per_call
    assert one_read_and_one_write < timeout < ALEXA_ANSWER_WINDOW_S


def test_the_log_group_is_the_functions_and_expires(template: dict[str, Any]) -> None:
    function_name, _ = the_one(template, "AWS::Serverless::Function")
    _, log_group = the_one(template, "AWS::Logs::LogGroup")
    properties = log_group["Properties"]
    assert properties["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{{function_name}}}"}
    assert properties["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert template["Parameters"]["LogRetentionDays"]["Type"] == "Number"


def test_the_outputs_give_the_skill_endpoint_and_the_table_name(template: dict[str, Any]) -> None:
    function_name, _ = the_one(template, "AWS::Serverless::Function")
    table_name, _ = the_one(template, "AWS::DynamoDB::Table")
    values = [output["Value"] for output in template["Outputs"].values()]
    assert {"Fn::GetAtt": [function_name, "Arn"]} in values
    assert {"Ref": table_name} in values
