"""Validate content/*.toml and write lambda/no_contact_coach/content/compiled.json.

    python tools/build_content.py            # validate and (re)write compiled.json
    python tools/build_content.py --check    # exit 1 if content is invalid or compiled.json is stale

The skill reads only compiled.json at run time, so pydantic never loads in Lambda.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "lambda") not in sys.path:  # running from a checkout without `pip install -e`
    sys.path.insert(0, str(ROOT / "lambda"))

from pydantic import ValidationError  # noqa: E402

from no_contact_coach.content.schema import ContentBundle, to_compiled  # noqa: E402

CONTENT_DIR = ROOT / "content"
COMPILED = ROOT / "lambda" / "no_contact_coach" / "content" / "compiled.json"
# Bundle field -> source file name.
SOURCES = {
    "messages": "messages.toml",
    "tips": "tips.toml",
    "urges": "urges.toml",
    "questions": "questions.toml",
    "mistakes": "mistakes.toml",
    "readiness": "readiness.toml",
    "exercise": "exercise.toml",
    "safety": "safety.toml",
}


class ContentError(Exception):
    """Content could not be read or did not validate; the message says where."""


def load_sources(content_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field, name in SOURCES.items():
        path = content_dir / name
        if not path.is_file():
            raise ContentError(
                f"{path} is missing: every one of {sorted(SOURCES.values())} is needed"
            )
        try:
            data[field] = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise ContentError(f"{path}: not valid TOML: {e}") from e
    return data


def validate(content_dir: Path) -> ContentBundle:
    data = load_sources(content_dir)
    try:
        return ContentBundle.model_validate(data)
    except ValidationError as e:
        lines = [f"{content_dir}: content is invalid ({e.error_count()} problem(s))"]
        for err in e.errors():
            where = ".".join(str(part) for part in err["loc"])
            file = SOURCES.get(str(err["loc"][0]), "?") if err["loc"] else "?"
            lines.append(f"  {file}: {where}: {err['msg']}")
        raise ContentError("\n".join(lines)) from e


def render_compiled(bundle: ContentBundle) -> str:
    """Stable text: sorted keys, fixed indent, trailing newline, so diffs stay small."""
    return json.dumps(to_compiled(bundle), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def build(content_dir: Path = CONTENT_DIR) -> str:
    return render_compiled(validate(content_dir))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if compiled.json is stale")
    parser.add_argument("--content-dir", type=Path, default=CONTENT_DIR)
    parser.add_argument("--out", type=Path, default=COMPILED)
    args = parser.parse_args(argv)
    try:
        text = build(args.content_dir)
    except ContentError as e:
        print(e, file=sys.stderr)
        return 1
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    if args.check:
        if current != text:
            print(f"{args.out} is stale: run python tools/build_content.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    if current != text:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(f"{args.out} already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
