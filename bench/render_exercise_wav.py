"""Render the exercise's SSML to a WAV with espeak-ng and sox, and print its length.

    apt-get install -y espeak-ng sox
    .venv/bin/python bench/render_exercise_wav.py [full|quick ...] [--out DIR] [--wpm 150]

Each spoken cue becomes its own WAV and each <break> a sox-made silence of
exactly its length; sox joins them and `soxi -D` measures the result, so the
pauses are the ones we wrote, not espeak-ng's reading of them. As a cross-check
the whole SSML is also spoken in one go with `espeak-ng -m` (which honours
<break>, adding a little lead-in of its own). espeak-ng runs at the skill's
estimating rate (150 words a minute) so both can be set against
ExerciseAudio.duration_s. Alexa's own voice will differ a little.

The script comes from compiled.json, like the skill's: after editing
content/exercise.toml, run tools/build_content.py before measuring again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lambda"))

from no_contact_coach.voice.apla_schema import break_ms
from no_contact_coach.voice.exercise import VARIANTS, render_exercise

SAMPLE_RATE = 22050  # espeak-ng's native rate; silences match it so sox can join


def segments(ssml: str) -> list[tuple[str, str | float]]:
    """("say", text) and ("pause", seconds) in playing order."""
    root = ET.fromstring(ssml)
    found: list[tuple[str, str | float]] = []

    def add_text(text: str | None) -> None:
        if text and text.strip():
            found.append(("say", text.strip()))

    add_text(root.text)
    for element in root:
        if element.tag != "break":
            raise SystemExit(f"unexpected <{element.tag}> in the exercise SSML")
        found.append(("pause", (break_ms(element.get("time", "0ms")) or 0.0) / 1000))
        add_text(element.tail)
    return found


def render_wav(ssml: str, out: Path, workdir: Path, wpm: int) -> Path:
    parts: list[Path] = []
    for i, (kind, value) in enumerate(segments(ssml)):
        part = workdir / f"{i:03d}.wav"
        if kind == "say":
            # The SSML is already unescaped by the parser; espeak reads plain text.
            cmd = ["espeak-ng", "-v", "en-us", "-s", str(wpm), "-w", str(part), str(value)]
        else:
            cmd = ["sox", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(part)]
            cmd += ["trim", "0", f"{value:.3f}"]
        subprocess.run(cmd, check=True)
        parts.append(part)
    subprocess.run(["sox", *map(str, parts), str(out)], check=True)
    return out


def render_wav_whole(ssml: str, out: Path, workdir: Path, wpm: int) -> Path:
    source = workdir / "exercise.ssml"
    source.write_text(ssml, encoding="utf-8")
    cmd = ["espeak-ng", "-m", "-v", "en-us", "-s", str(wpm), "-w", str(out), "-f", str(source)]
    subprocess.run(cmd, check=True)
    return out


def measured_seconds(wav: Path) -> float:
    result = subprocess.run(["soxi", "-D", str(wav)], check=True, capture_output=True, text=True)
    return float(result.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help=f"any of {VARIANTS} (default: all)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--wpm", type=int, default=150)
    parser.add_argument("--pronoun", choices=("him", "her", "them"), default=None)
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "sox", "soxi"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install -y espeak-ng sox", file=sys.stderr)
            return 2
    unknown = set(args.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s) {sorted(unknown)}; choose from {VARIANTS}")
    args.out.mkdir(parents=True, exist_ok=True)
    for variant in args.variants or VARIANTS:
        audio = render_exercise(variant, pronoun=args.pronoun)
        out = args.out / f"exercise-{variant}.wav"
        whole = args.out / f"exercise-{variant}-whole-ssml.wav"
        with tempfile.TemporaryDirectory() as workdir:
            render_wav(audio.ssml, out, Path(workdir), args.wpm)
            render_wav_whole(audio.ssml, whole, Path(workdir), args.wpm)
        print(
            f"{variant}: measured {measured_seconds(out):.1f} s cue by cue, "
            f"{measured_seconds(whole):.1f} s as one SSML; "
            f"estimate {audio.duration_s:.1f} s -> {out}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
