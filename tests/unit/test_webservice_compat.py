"""flask-ask-sdk imports whether or not oscrypto (under certvalidator) can load.

Each case runs in a fresh interpreter, because the shim works on ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

LAMBDA_ROOT = Path(__file__).resolve().parents[2] / "lambda"

BREAK_OSCRYPTO = """
import sys

class BrokenOscrypto:
    # What oscrypto 1.3.0 does at import time on OpenSSL 3.0.10 and later.
    def find_spec(self, name, path=None, target=None):
        if name == "oscrypto" or name.startswith("oscrypto."):
            raise OSError("Error detecting the version of libcrypto")
        return None

sys.meta_path.insert(0, BrokenOscrypto())
"""

REPORT = """
import json
from no_contact_coach.entrypoints import _webservice_compat as compat
from flask_ask_sdk.skill_adapter import SkillAdapter
import certvalidator

try:
    certvalidator.CertificateValidator(b"", [])
    validator = "validated"
except RuntimeError as error:
    validator = str(error)

print(json.dumps({
    "skill_adapter": SkillAdapter.__name__,
    "placeholder_reason": compat.certvalidator_placeholder_reason(),
    "certvalidator_file": getattr(certvalidator, "__file__", None),
    "validator": validator,
}))
"""


def _run(code: str, *extra_paths: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (*extra_paths, LAMBDA_ROOT))
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def test_the_web_service_imports_in_a_fresh_interpreter_on_this_machine() -> None:
    code = """
        import json
        from no_contact_coach.entrypoints.web import create_app
        print(json.dumps({"create_app": create_app.__name__}))
    """

    assert _run(code) == {"create_app": "create_app"}


def test_when_oscrypto_cannot_load_the_sdk_still_imports_and_nothing_validates_with_it() -> None:
    report = _run(BREAK_OSCRYPTO + REPORT)

    assert report["skill_adapter"] == "SkillAdapter"
    assert "Error detecting the version of libcrypto" in report["placeholder_reason"]
    assert report["certvalidator_file"] is None
    assert "certvalidator is unavailable here" in report["validator"]


def test_a_certvalidator_that_imports_cleanly_is_left_untouched(tmp_path: Path) -> None:
    package = tmp_path / "certvalidator"
    package.mkdir()
    (package / "__init__.py").write_text(
        "class CertificateValidator:\n    def __init__(self, *args):\n        pass\n"
    )
    (package / "errors.py").write_text(
        "class ValidationError(Exception): ...\nclass PathError(ValidationError): ...\n"
    )

    report = _run(REPORT, tmp_path)

    assert report["skill_adapter"] == "SkillAdapter"
    assert report["placeholder_reason"] is None
    assert report["certvalidator_file"] == str(package / "__init__.py")
    assert report["validator"] == "validated"
