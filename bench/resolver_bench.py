"""How long the chat resolver takes per line (target: well under 5 ms).

Run: .venv/bin/python bench/resolver_bench.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lambda"))

from no_contact_coach.entrypoints.resolver import Resolver  # noqa: E402

MODEL = ROOT / "interaction_model/interactionModels/custom/en-US.json"
LINES = [
    "Alexa, ask No Contact Coach what day I'm on",
    "I last texted him on Sunday",
    "i want to txt him",
    "whats my day",
    "i bumped into him at the gym",
    "purple monkey dishwasher",
    "i want to text him right now because i miss him so much and i cannot stop thinking about him",
]
RUNS = 300


def main() -> None:
    started = time.perf_counter()
    resolver = Resolver.from_file(MODEL, today=dt.date(2026, 11, 28))
    print(f"compile: {(time.perf_counter() - started) * 1000:.1f} ms")
    for line in LINES:
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            resolver.resolve(line)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"median {statistics.median(timings):5.2f} ms  max {max(timings):5.2f} ms  {line}")


if __name__ == "__main__":
    main()
