"""`make bench`: No Contact Coach against the bare ask-sdk-core baseline, in one run.

    .venv/bin/python bench/run.py [--runs 10] [--sessions 63] [--no-package] [--json PATH]

Everything is measured in this one run on this machine, the two sides alternating
(the side that goes first swaps every round), and printed as one table:

  cold start   a fresh `python -c` process per run: import lambda_function, answer a
               first LaunchRequest (state in DynamoDB: moto in server mode on loopback)
  warm         one long-lived process per side (bench/worker.py), sessions of the
               realistic mix (bench/mix.py), >= 5,000 requests each, in alternating rounds
  I/O          DynamoDB operations per request type, seen through botocore event hooks
  package      the deployable zip without boto3, both built by tools/package.py's steps
  chat turn    a typed line to printed speech through `no-contact-coach chat` on a pipe

The Settings API (the skill's device time zone) is answered by a stand-in on loopback,
so nothing waits on the network; its calls are counted and shown on their own line.
See bench/README.md for the method and the reading of each figure.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import logging
import os
import platform
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "lambda"))
sys.path.insert(0, str(ROOT))

from tests.functional.standin import certificate  # noqa: E402  (the tests' own stand-in cert)

from mix import (  # noqa: E402
    ANNOUNCED,
    DEVICES,
    READ_ONLY,
    SESSION,
    START,
    STATE_CHANGING,
    ZONE,
    first_launch,
    user_id,
)

SIDES = {"skill": ROOT / "lambda", "baseline": BENCH / "baseline"}
TABLE = "bench-journeys"
REGION = "us-east-1"
COLD_PERSON = 999_999

TARGETS = {"cold": 1.10, "warm": 1.25, "package": 1.5, "chat_ms": 50.0}

# A fresh interpreter per run; json, sys and time are the only imports before the handler's.
COLD_CHILD = """
import time
started = time.perf_counter()
import json, sys
import lambda_function
imported = time.perf_counter()
response = lambda_function.lambda_handler(json.loads(sys.argv[1]), None)
answered = time.perf_counter()
print(json.dumps({"import_s": imported - started, "total_s": answered - started,
                  "ssml": response["response"].get("outputSpeech", {}).get("ssml", "")}))
"""

CHAT_LINES = (
    "what day am I on",
    "give me today's tip",
    "how am I doing",
    "I want to text him",
    "no",
    "help",
    "I slipped up",
    "no",
)


# --- the stand-ins ----------------------------------------------------------------------


@dataclass(frozen=True)
class Tls:
    """A self-signed certificate for the Settings API stand-in, and the roots that trust it.

    Like a Lambda container, the skill gets no CA-bundle variable: it finds a hashed root
    directory (SSL_CERT_DIR here: the system's roots plus the stand-in's) and OpenSSL
    reads roots from it lazily. Where `openssl` or a hashed system directory is missing,
    the skill is pointed at certifi's whole bundle plus the stand-in's certificate instead,
    which costs about 25 ms more on each cold start.
    """

    cert: Path
    key: Path
    env: dict[str, str]

    @classmethod
    def create(cls, workdir: Path) -> Tls:
        cert, key = certificate(workdir)
        roots = hashed_roots(workdir, cert)
        if roots is not None:
            return cls(cert, key, {"SSL_CERT_DIR": str(roots)})
        bundle = workdir / "ca-bundle.pem"
        bundle.write_bytes(Path(certifi_bundle()).read_bytes() + cert.read_bytes())
        return cls(cert, key, {"REQUESTS_CA_BUNDLE": str(bundle)})


def hashed_roots(workdir: Path, cert: Path) -> Path | None:
    """The system's hashed root directory plus `cert` under its subject hash, or None."""
    import re
    import shutil

    system = Path("/etc/ssl/certs")
    openssl = shutil.which("openssl")
    if openssl is None or not system.is_dir():
        return None
    hashed = [p for p in system.iterdir() if re.fullmatch(r"[0-9a-f]{8}\.[0-9]+", p.name)]
    if not hashed:
        return None
    subject_hash = subprocess.run(
        [openssl, "x509", "-hash", "-noout", "-in", str(cert)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    roots = workdir / "roots"
    roots.mkdir()
    for path in hashed:
        (roots / path.name).symlink_to(path.resolve())
    index = 0
    while (roots / f"{subject_hash}.{index}").exists():
        index += 1
    (roots / f"{subject_hash}.{index}").symlink_to(cert)
    return roots


class SettingsApi:
    """The Alexa Settings API on loopback, over TLS as the SDK insists: a device's time zone."""

    def __init__(self, tls: Tls) -> None:
        self.calls = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real API
            disable_nagle_algorithm = True  # else headers and body wait on a delayed ACK

            def do_GET(self) -> None:
                api.calls += 1
                found = self.path.endswith("/settings/System.timeZone")
                body = json.dumps(ZONE if found else {"message": "not here"}).encode()
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls.cert, tls.key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.endpoint = f"https://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def certifi_bundle() -> str:
    import certifi

    return str(certifi.where())


def start_dynamodb() -> tuple[Any, str]:
    """moto in server mode on a free loopback port: (server, endpoint URL).

    Plain HTTP: werkzeug closes every connection after one answer, so over TLS each call
    would pay a fresh handshake and root parsing that DynamoDB's kept-alive connections do
    not (see bench/README.md, "Reading the figures").
    """
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"


def child_env(endpoint: str, tls: Tls) -> dict[str, str]:
    """What a Lambda container would see, pointed at the loopback stand-ins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "SKILL_ID"}
    env.update(
        NO_CONTACT_TABLE=TABLE,
        AWS_ENDPOINT_URL_DYNAMODB=endpoint,
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
    )
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_DIR", "SSL_CERT_FILE"):
        env.pop(name, None)
    env.update(tls.env)
    return env


def create_and_seed(endpoint: str, people: int) -> None:
    """The template's key schema, and one journey at day 10 for every simulated person."""
    import boto3

    from no_contact_coach.journey.model import JourneyState, Streak
    from no_contact_coach.storage.dynamodb import PARTITION_KEY, SORT_KEY, DynamoDbStore
    from no_contact_coach.storage.port import PersonKey

    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    client.create_table(
        TableName=TABLE,
        KeySchema=[
            {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": PARTITION_KEY, "AttributeType": "S"},
            {"AttributeName": SORT_KEY, "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    store = DynamoDbStore(TABLE, client=client)
    state = JourneyState(streaks=(Streak(START),), time_zone=ZONE, milestones_announced=ANNOUNCED)
    for side in SIDES:
        for person in [*range(people), COLD_PERSON]:
            store.put(PersonKey(user_id(side, person)), state, None)


# --- statistics ---------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Figure:
    """One measured quantity of one side: every sample, and the per-run values."""

    samples: list[float] = field(default_factory=list)
    per_run: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def p(self, q: float) -> float:
        return percentile(self.samples, q)

    def spread(self) -> tuple[float, float]:
        runs = self.per_run or self.samples
        return min(runs), max(runs)


# --- cold start ---------------------------------------------------------------------------


def compile_sides() -> None:
    """Bytecode for both sides' own code, as their installed dependencies already have.

    Without it (this machine sets PYTHONDONTWRITEBYTECODE) every cold run would compile
    the skill's sixty modules from source while the baseline's one small file and both
    sides' site-packages load from .pyc: a measure of the compiler, not of the skill.
    A deployment package should carry .pyc too (bench/README.md).
    """
    import compileall

    for directory in SIDES.values():
        compileall.compile_dir(str(directory), quiet=1, force=False)


def cold_run(side: str, env: dict[str, str], api: SettingsApi) -> dict[str, Any]:
    event = json.dumps(first_launch(side, COLD_PERSON, api.endpoint))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COLD_CHILD, event],
        cwd=SIDES[side],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"cold start of {side} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def measure_cold(runs: int, env: dict[str, str], api: SettingsApi) -> dict[str, Any]:
    figures = {side: {"total": Figure(), "wall": Figure(), "import": Figure()} for side in SIDES}
    settings_calls = dict.fromkeys(SIDES, 0)
    speech: dict[str, str] = {}
    for side in SIDES:  # compiles the bytecode and fills the page cache: not counted
        cold_run(side, env, api)
    for run in range(runs):
        for side in alternate(run):
            before = api.calls
            result = cold_run(side, env, api)
            settings_calls[side] += api.calls - before
            figures[side]["total"].samples.append(result["total_s"] * 1000)
            figures[side]["wall"].samples.append(result["wall_s"] * 1000)
            figures[side]["import"].samples.append(result["import_s"] * 1000)
            speech[side] = result["ssml"]
    return {"figures": figures, "settings_calls": settings_calls, "speech": speech}


def alternate(run: int) -> tuple[str, ...]:
    order = tuple(SIDES)
    return order if run % 2 == 0 else order[::-1]


# --- warm -----------------------------------------------------------------------------------


class Worker:
    def __init__(self, side: str, env: dict[str, str], api: SettingsApi) -> None:
        self.side = side
        self.process = subprocess.Popen(
            [sys.executable, str(BENCH / "worker.py"), str(SIDES[side]), side, api.endpoint],
            cwd=SIDES[side],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # the skill's JSON log lines: written, not kept
            text=True,
        )

    def play(self, first: int, sessions: int) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"first": first, "sessions": sessions}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the {self.side} worker stopped (run it by hand to see why)")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.write(json.dumps({"quit": True}) + "\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


def measure_warm(runs: int, sessions: int, env: dict[str, str], api: SettingsApi) -> dict[str, Any]:
    workers = {side: Worker(side, env, api) for side in SIDES}
    total = {side: Figure() for side in SIDES}
    code = {side: Figure() for side in SIDES}
    by_kind: dict[str, dict[str, list[float]]] = {side: defaultdict(list) for side in SIDES}
    io: dict[str, dict[str, Counter[str]]] = {side: defaultdict(Counter) for side in SIDES}
    settings_calls = dict.fromkeys(SIDES, 0)
    speech: dict[str, dict[str, str]] = {}
    try:
        for side in SIDES:  # the first request per container and per device: not counted
            speech[side] = workers[side].play(0, DEVICES)["speech"]
        for run in range(runs):
            first = DEVICES + run * sessions
            for side in alternate(run):
                before = api.calls
                answer = workers[side].play(first, sessions)
                settings_calls[side] += api.calls - before
                round_total, round_code = [], []
                for kind, elapsed_ns, io_ns, ops in answer["samples"]:
                    round_total.append(elapsed_ns / 1e6)
                    round_code.append((elapsed_ns - io_ns) / 1e6)
                    by_kind[side][kind].append(elapsed_ns / 1e6)
                    io[side][kind][" + ".join(ops) or "nothing"] += 1
                for figure, values in ((total[side], round_total), (code[side], round_code)):
                    figure.samples.extend(values)
                    figure.per_run.append(statistics.median(values))
    finally:
        for worker in workers.values():
            worker.close()
    return {
        "total": total,
        "code": code,
        "by_kind": by_kind,
        "io": io,
        "settings_calls": settings_calls,
        "speech": speech,
    }


# --- the local chat ------------------------------------------------------------------------


def chat_command() -> list[str]:
    script = Path(sys.executable).with_name("no-contact-coach")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "no_contact_coach.entrypoints.cli"]


def measure_chat(turns: int) -> dict[str, Any]:
    """Typed line to printed speech, through a pipe (the chat's JSON mode), SQLite state."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_CONTACT_TABLE", "NO_CONTACT_DB")}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                *chat_command(),
                "chat",
                "--today",
                "2026-03-11",
                "--tz",
                ZONE,
                "--db",
                str(Path(tmp) / "journeys.sqlite3"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert process.stdin and process.stdout

        def turn(line: str) -> tuple[float, dict[str, Any]]:
            assert process.stdin and process.stdout
            sent = time.perf_counter()
            process.stdin.write(line + "\n")
            process.stdin.flush()
            reply = process.stdout.readline()
            if not reply:
                raise SystemExit("the chat stopped answering")
            return (time.perf_counter() - sent) * 1000, json.loads(reply)

        first_ms, _ = turn("start no contact")
        startup_ms = (time.perf_counter() - started) * 1000
        figure = Figure()
        said: list[str] = []
        for number in range(turns):
            elapsed, reply = turn(CHAT_LINES[number % len(CHAT_LINES)])
            figure.samples.append(elapsed)
            said.append(str(reply.get("speech", "")))
        process.stdin.close()
        process.wait(timeout=30)
    return {"turn": figure, "first_ms": first_ms, "startup_ms": startup_ms, "said": said}


# --- package size ----------------------------------------------------------------------------


@contextlib.contextmanager
def quiet_stderr() -> Iterator[Path]:
    """pip's warnings (about this machine's own environment) kept out of the table."""
    with tempfile.NamedTemporaryFile(prefix="ncc-pip-", suffix=".log", delete=False) as log:
        saved = os.dup(2)
        os.dup2(log.fileno(), 2)
        try:
            yield Path(log.name)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            Path(log.name).unlink(missing_ok=True)


def measure_package() -> dict[str, Any]:
    """Both zips built the same way: tools/package.py's own steps, into build/bench/."""
    spec = importlib.util.spec_from_file_location("ncc_package", ROOT / "tools" / "package.py")
    assert spec and spec.loader
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package  # dataclasses look their module up
    spec.loader.exec_module(package)
    sizes: dict[str, Any] = {}
    for side, source in SIDES.items():
        build_dir = ROOT / "build" / "bench" / side
        shutil.rmtree(build_dir, ignore_errors=True)
        build_dir.mkdir(parents=True)
        try:
            package.copy_sources(source, build_dir)
            with quiet_stderr() as pip_log:
                try:
                    package.install_dependencies(build_dir, source / "requirements.txt")
                except package.PackageError as e:
                    return {"error": f"{e}: {pip_log.read_text()[-300:]}"}
        except package.PackageError as e:
            return {"error": str(e)}
        package.prune(build_dir)
        sizes[side] = package.write_zip(
            build_dir, build_dir.with_suffix(".zip"), package.files_under(build_dir)
        )
    return sizes


# --- the table -------------------------------------------------------------------------------


def ms(value: float) -> str:
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def with_spread(figure: Figure, at: Callable[[Figure], float] = lambda f: f.median) -> str:
    low, high = figure.spread()
    return f"{ms(at(figure))} ({low:,.1f}-{high:,.1f})"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT MET"


def row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def print_table(results: dict[str, Any], args: argparse.Namespace) -> None:
    cold, warm = results["cold"], results["warm"]
    head = ("measure", "skill", "baseline", "ratio", "target", "")
    widths = (38, 26, 26, 7, 9, 7)
    lines = [row(head, widths), row(tuple("-" * w for w in widths), widths)]

    def compare(name: str, a: Figure, b: Figure, target: float | None, at: Any = None) -> None:
        pick = at or (lambda f: f.median)
        ratio = pick(a) / pick(b)
        lines.append(
            row(
                (
                    name,
                    with_spread(a, pick) if at is None else ms(pick(a)),
                    with_spread(b, pick) if at is None else ms(pick(b)),
                    f"{ratio:.2f}x",
                    f"<= {target:.2f}x" if target else "",
                    verdict(ratio, target) if target else "",
                ),
                widths,
            )
        )

    cf = cold["figures"]
    compare(
        "cold: import + first Launch, median",
        cf["skill"]["total"],
        cf["baseline"]["total"],
        TARGETS["cold"],
    )
    compare(
        "cold: init (import lambda_function)", cf["skill"]["import"], cf["baseline"]["import"], None
    )
    compare("cold: process spawn to exit", cf["skill"]["wall"], cf["baseline"]["wall"], None)
    total, code = warm["total"], warm["code"]
    compare("warm per request, median", total["skill"], total["baseline"], TARGETS["warm"])
    compare("warm per request, p99", total["skill"], total["baseline"], None, at=lambda f: f.p(99))
    compare("warm, code only (DynamoDB time out)", code["skill"], code["baseline"], None)
    compare("warm, code only, p99", code["skill"], code["baseline"], None, at=lambda f: f.p(99))
    package = results.get("package")
    if package and "error" not in package:
        a, b = package["skill"].zipped_bytes, package["baseline"].zipped_bytes
        lines.append(
            row(
                (
                    "package zip, without boto3",
                    f"{a / 2**20:.2f} MiB ({package['skill'].files} files)",
                    f"{b / 2**20:.2f} MiB ({package['baseline'].files} files)",
                    f"{a / b:.2f}x",
                    f"<= {TARGETS['package']:.2f}x",
                    verdict(a / b, TARGETS["package"]),
                ),
                widths,
            )
        )
    elif package:
        lines.append(row(("package zip, without boto3", "n/a", "n/a", "", "", ""), widths))
        lines.append(f"  (not built: {package['error']})")
    chat = results["chat"]
    turn = chat["turn"]
    lines.append(
        row(
            (
                "chat turn: typed line to speech",
                f"{ms(turn.median)} (p99 {turn.p(99):.1f})",
                "-",
                "",
                f"< {TARGETS['chat_ms']:.0f} ms",
                "met" if turn.p(99) < TARGETS["chat_ms"] else "NOT MET",
            ),
            widths,
        )
    )
    lines.append(
        row(
            (
                "chat: start + first turn",
                f"{ms(chat['startup_ms'])}",
                "-",
                "",
                "",
                "",
            ),
            widths,
        )
    )
    lines.append(
        row(
            (
                "Settings API calls (cold / warm)",
                f"{cold['settings_calls']['skill']} / {warm['settings_calls']['skill']}",
                f"{cold['settings_calls']['baseline']} / {warm['settings_calls']['baseline']}",
                "",
                "",
                "",
            ),
            widths,
        )
    )
    count = len(total["skill"].samples)
    print(
        f"No Contact Coach vs bare ask-sdk-core: {args.runs} cold runs and "
        f"{count:,} warm requests a side, alternating; "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print("median (min-max over runs; warm: over the per-round medians); DynamoDB = moto server\n")
    print("\n".join(lines))
    print()
    print_io(warm)


def io_verdict(kind: str, shapes: Counter[str]) -> str:
    for shape in shapes:
        ops = shape.split(" + ") if shape != "nothing" else []
        if "Scan" in ops:
            return "NOT MET (Scan)"
        reads = ops.count("GetItem")
        writes = [op for op in ops if op != "GetItem"]
        if kind in READ_ONLY and (reads != 1 or writes):
            return "NOT MET"
        if kind in STATE_CHANGING and (
            reads > 1 or len(writes) > 1 or any(not w.endswith("?") for w in writes)
        ):
            return "NOT MET"
    return "met"


def print_io(warm: dict[str, Any]) -> None:
    print("DynamoDB calls per request (every timed request; '?' = conditional write)")
    widths = (10, 40, 40, 8)
    print(row(("request", "skill", "baseline", "skill"), widths))
    print(row(tuple("-" * w for w in widths), widths))
    for kind, _, _ in SESSION:
        cells = []
        for side in SIDES:
            shapes = warm["io"][side][kind]
            cells.append(", ".join(f"{shape} x{n}" for shape, n in shapes.most_common()))
        print(row((kind, *cells, io_verdict(kind, warm["io"]["skill"][kind])), widths))
    print(
        "read-only: exactly one GetItem, no write; state-changing (urge, slip_yes): at most one "
        "GetItem and one conditional write; Scan: never"
    )


def report_json(results: dict[str, Any], path: Path) -> None:
    def plain(value: Any) -> Any:
        if isinstance(value, Figure):
            return {
                "median": value.median,
                "p99": value.p(99),
                "spread": value.spread(),
                "n": len(value.samples),
            }
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if hasattr(value, "zipped_bytes"):
            return {"zipped": value.zipped_bytes, "unzipped": value.unzipped_bytes}
        return value

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plain(results), indent=2, default=str))


def sanity(results: dict[str, Any]) -> None:
    """A benchmark of apologies would measure nothing: every answer must be a real one."""
    cold_skill = results["cold"]["speech"]["skill"]
    if "day 10" not in cold_skill.lower():
        raise SystemExit(f"the skill's cold Launch did not welcome day 10: {cold_skill}")
    for said in results["chat"]["said"]:
        if "sorry" in said.lower() or not said:
            raise SystemExit(f"the chat did not answer properly: {said!r}")
    for kind, said in results["warm"]["speech"]["skill"].items():
        if "sorry" in said.lower() or "went wrong" in said.lower():
            raise SystemExit(f"the skill apologised for {kind}: {said}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold runs and warm rounds a side")
    parser.add_argument(
        "--sessions", type=int, default=63, help="sessions (8 requests each) per warm round"
    )
    parser.add_argument("--chat-turns", type=int, default=40)
    parser.add_argument("--no-package", action="store_true", help="skip pip (offline)")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench" / "results.json")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="ncc-bench-"))
    tls = Tls.create(workdir)
    server, endpoint = start_dynamodb()
    api = SettingsApi(tls)
    try:
        create_and_seed(endpoint, DEVICES + args.runs * args.sessions)
        env = child_env(endpoint, tls)
        compile_sides()
        results: dict[str, Any] = {
            "cold": measure_cold(args.runs, env, api),
            "warm": measure_warm(args.runs, args.sessions, env, api),
            "chat": measure_chat(args.chat_turns),
        }
    finally:
        server.stop()
        api.server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    sanity(results)
    if not args.no_package:
        results["package"] = measure_package()
    print_table(results, args)
    report_json(results, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
