"""Shared fixtures: the built territorio binary and a demo folder built once per session."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("TERRITORIO_BIN", ROOT / ".build" / "debug" / "territorio"))


def territorio(*args, check=True):
    """Runs the command-line tool and returns the completed process."""
    assert BINARY.exists(), f"build the tool first (swift build): {BINARY}"
    result = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"territorio {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo's outputs, plus every researcher export (as the README's commands write them)."""
    out = tmp_path_factory.mktemp("demo")
    territorio("demo", "--out", out, "--geodata", ROOT / "GeoData", "--no-png")
    db = out / "territorio.sqlite"
    for dataset in ["municipalities", "services", "needs", "submissions"]:
        for fmt in ["geojson", "csv"]:
            territorio("export", dataset, "--db", db, "--format", fmt, "--out", out / f"export-{dataset}.{fmt}")
    territorio("export", "submissions", "--db", db, "--format", "csv", "--out", out / "submissions.csv")
    return out
