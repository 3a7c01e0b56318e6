"""Build the Lambda artifact: build/lambda/ (what `sam deploy` uploads) and dist/lambda.zip.

    python tools/package.py               # build, then print the zip's size and file count
    python tools/package.py --no-deps     # sources only (no network); not deployable

The artifact is lambda/ (the handler, the package, the compiled content) plus the runtime
dependencies of lambda/requirements.txt, installed by pip as wheels for the Lambda runtime
named in infra/template.yaml (CPython 3.13 on arm64), whatever machine this runs on. The only
network access is pip's, to the package index. boto3 and botocore are left out: the Lambda
runtime provides them.

Before zipping, the handler answers one LaunchRequest from build/lambda and the standard
library alone (see SMOKE_TEST). The zip is reproducible: sorted entries, fixed timestamps and
permissions, so the same sources and dependency versions give a byte-identical dist/lambda.zip.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lambda"
REQUIREMENTS = SOURCE / "requirements.txt"
COMPILED_CONTENT = SOURCE / "no_contact_coach" / "content" / "compiled.json"
BUILD_DIR = ROOT / "build" / "lambda"
ZIP_PATH = ROOT / "dist" / "lambda.zip"

# Must match Runtime and Architectures in infra/template.yaml (tests/integration checks).
PYTHON_VERSION = "3.13"
ARCHITECTURE = "arm64"
# python3.12+ runtimes run on Amazon Linux 2023 (glibc 2.34): wheels for either manylinux
# generation load there. pip takes the platforms in order of preference.
PLATFORMS = ("manylinux_2_28_aarch64", "manylinux2014_aarch64")

# Provided by the Lambda Python runtime; a copy in the zip would only shadow it. They arrive
# only if a dependency pulls boto3 in, which none should.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
# Not needed at run time: bytecode for the wrong interpreter, editable-install metadata,
# pip's console scripts, and the requirements file itself (a `sam build` finding it would
# install everything a second time).
SKIPPED_NAMES = {"__pycache__", "requirements.txt", "bin"}
SKIPPED_SUFFIXES = (".pyc", ".pyo", ".egg-info")

# Lambda's own limits for a zip deployment.
MAX_ZIPPED_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 250 * 1024 * 1024

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FILE_MODE = 0o100644  # world-readable: Lambda runs the code as another user


# Run against build/lambda alone: `python -I -S -B` sees the standard library and nothing
# else, so a dependency missing from the artifact, or a build-time one (pydantic) imported at
# run time, fails here rather than in Lambda. It answers one LaunchRequest from a SQLite store;
# the request carries no API token, so the Settings API is not called and nothing leaves the
# host.
SMOKE_TEST = """
import json, sys
sys.path.insert(0, sys.argv[1])
import lambda_function
user = {"userId": "amzn1.ask.account.PACKAGE-SMOKE-TEST"}
app = {"applicationId": "amzn1.ask.skill.package-smoke-test"}
event = {
    "version": "1.0",
    "context": {"System": {"application": app, "user": user,
                           "device": {"deviceId": "smoke", "supportedInterfaces": {}}}},
    "session": {"new": True, "sessionId": "smoke", "application": app, "user": user,
                "attributes": {}},
    "request": {"type": "LaunchRequest", "requestId": "smoke",
                "timestamp": "2026-03-02T14:00:00Z", "locale": "en-US"},
}
speech = lambda_function.lambda_handler(event, None)["response"]["outputSpeech"]["ssml"]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"boto3", "botocore", "pydantic"})
print(json.dumps({"speech": speech, "unexpected_modules": loaded}))
"""


class PackageError(Exception):
    """The artifact could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class Artifact:
    path: Path
    zipped_bytes: int
    unzipped_bytes: int
    files: int

    def summary(self) -> str:
        return (
            f"{self.path.relative_to(ROOT)}: {self.zipped_bytes / 1024:.1f} KiB, "
            f"{self.files} files ({self.unzipped_bytes / 1024:.1f} KiB unzipped)"
        )


def pip_install_command(build_dir: Path, requirements: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        "--no-compile",
        "--target",
        str(build_dir),
        "--implementation",
        "cp",
        "--python-version",
        PYTHON_VERSION,
        "--only-binary=:all:",
    ]
    for platform in PLATFORMS:
        command += ["--platform", platform]
    return [*command, "--requirement", str(requirements)]


def _is_skipped(name: str) -> bool:
    return name in SKIPPED_NAMES or name.endswith(SKIPPED_SUFFIXES)


def copy_sources(source: Path, build_dir: Path) -> None:
    if not COMPILED_CONTENT.is_file():
        raise PackageError(f"{COMPILED_CONTENT} is missing: run `make content` first")
    shutil.copytree(
        source,
        build_dir,
        dirs_exist_ok=True,
        ignore=lambda _dir, names: [n for n in names if _is_skipped(n)],
    )


def install_dependencies(build_dir: Path, requirements: Path) -> None:
    try:
        subprocess.run(pip_install_command(build_dir, requirements), check=True)
    except subprocess.CalledProcessError as e:
        raise PackageError(
            "pip could not install the runtime dependencies for "
            f"CPython {PYTHON_VERSION} on {ARCHITECTURE} (is the package index reachable?)"
        ) from e


def prune(build_dir: Path) -> list[str]:
    """Remove what the runtime provides or never runs; returns the top-level names removed."""
    removed: list[str] = []
    for entry in sorted(build_dir.iterdir()):
        distribution = entry.name.split("-")[0].lower()
        if distribution in RUNTIME_PROVIDED or entry.name in SKIPPED_NAMES:
            _remove(entry)
            removed.append(entry.name)
    for cache in sorted(build_dir.rglob("__pycache__"), reverse=True):
        _remove(cache)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def files_under(build_dir: Path) -> Iterator[Path]:
    for path in sorted(build_dir.rglob("*")):
        if path.is_file():
            yield path


def write_zip(build_dir: Path, zip_path: Path, files: Iterable[Path]) -> Artifact:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    unzipped = 0
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(build_dir).as_posix(), ZIP_EPOCH)
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            data = path.read_bytes()
            archive.writestr(info, data, compresslevel=9)
            count += 1
            unzipped += len(data)
    return Artifact(zip_path, zip_path.stat().st_size, unzipped, count)


def check(artifact: Artifact, *, bytecode: bool = False) -> None:
    with zipfile.ZipFile(artifact.path) as archive:
        names = set(archive.namelist())
    if "lambda_function.py" not in names:
        raise PackageError("the handler lambda_function.py is not at the root of the zip")
    runtime_tag = f"cpython-{PYTHON_VERSION.replace('.', '')}"
    for name in names:
        top = name.split("/")[0].split("-")[0].lower()
        foreign_cache = "__pycache__" in name.split("/") and not (bytecode and runtime_tag in name)
        if top in RUNTIME_PROVIDED or foreign_cache:
            raise PackageError(f"{name} must not be in the zip")
    if artifact.zipped_bytes > MAX_ZIPPED_BYTES or artifact.unzipped_bytes > MAX_UNZIPPED_BYTES:
        raise PackageError(f"over Lambda's size limits: {artifact.summary()}")


def smoke_test(build_dir: Path) -> None:
    """Answer a LaunchRequest with build_dir and the standard library only (see SMOKE_TEST).

    This interpreter, not Lambda's 3.13 on arm64, runs it: the dependencies are pure Python
    apart from charset_normalizer, whose compiled modules ship with pure-Python twins.
    """
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": scratch,
            "NO_CONTACT_DB": str(Path(scratch) / "journeys.sqlite3"),
        }
        result = subprocess.run(
            [sys.executable, "-I", "-S", "-B", "-c", SMOKE_TEST, str(build_dir)],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise PackageError(f"the packaged handler failed its smoke test:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if "<speak>" not in report["speech"] or report["unexpected_modules"]:
        raise PackageError(f"the packaged handler answered oddly: {report}")


def compile_bytecode(build_dir: Path) -> bool:
    """Add .pyc when this interpreter is the runtime's version; True when it did.

    Lambda's file system is read-only, so a package without bytecode is compiled from
    source at every cold start (the whole SDK included). Bytecode is version-specific:
    only a CPython of the runtime's version can write it, so elsewhere none is shipped.
    Unchecked-hash pycs need no source timestamps, which the zip does not keep.
    """
    if f"{sys.version_info.major}.{sys.version_info.minor}" != PYTHON_VERSION:
        return False
    import compileall
    import py_compile

    return bool(
        compileall.compile_dir(
            str(build_dir),
            quiet=1,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    )


def build(*, with_dependencies: bool = True) -> Artifact:
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    BUILD_DIR.mkdir(parents=True)
    copy_sources(SOURCE, BUILD_DIR)
    if with_dependencies:
        install_dependencies(BUILD_DIR, REQUIREMENTS)
    prune(BUILD_DIR)
    if with_dependencies:
        smoke_test(BUILD_DIR)
    compiled = compile_bytecode(BUILD_DIR)
    artifact = write_zip(BUILD_DIR, ZIP_PATH, files_under(BUILD_DIR))
    check(artifact, bytecode=compiled)
    if not compiled:
        print(
            f"package: no .pyc included (this is CPython {sys.version_info.major}."
            f"{sys.version_info.minor}; run under CPython {PYTHON_VERSION} to ship bytecode)",
            file=sys.stderr,
        )
    return artifact


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-deps",
        action="store_true",
        help="skip pip: package the sources alone (for a quick look; not deployable)",
    )
    args = parser.parse_args(argv)
    try:
        artifact = build(with_dependencies=not args.no_deps)
    except PackageError as e:
        print(f"package: {e}", file=sys.stderr)
        return 1
    print(artifact.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
