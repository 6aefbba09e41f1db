"""What every benchmark script shares: where the benchmark data, the binary and the output go.

    from benchcommon import parser, check_binary

`parser(doc)` gives an argument parser with `--bench`, `--bin` and `--out` set to the project's
defaults (the data beside the repository, the release binary, `bench-out/`); `check_binary(args)`
stops with a message that says how to build the binary when it is missing.
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parser(doc=None, out=True):
    """An argument parser with the arguments every benchmark takes."""
    ap = argparse.ArgumentParser(
        description=doc.strip().split("\n")[0] if doc else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--bench", default=os.path.join(ROOT, "..", "shared", "bench"),
                    help="folder holding the benchmark data sets")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "parallax"),
                    help="the parallax binary to measure")
    if out:
        ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"),
                        help="folder for predictions and generated inputs")
    return ap


def check_binary(args):
    """Exits with a clear message when the binary to measure is missing."""
    if not os.path.exists(args.bin):
        sys.exit(f"no binary at {args.bin}: run `cargo build --release -p parallax` first")
