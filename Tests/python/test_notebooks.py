"""The researchers' notebooks run top to bottom on the demo outputs (headless), without error."""
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "Notebooks").glob("*.ipynb"))


def test_there_are_three_notebooks():
    assert {n.name for n in NOTEBOOKS} == {"coverage-overview.ipynb", "accessibility-check.ipynb", "survey-overview.ipynb"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(demo, tmp_path, notebook):
    env = dict(os.environ, TERRITORIO_OUT=str(demo), MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(tmp_path),
                             "--ExecutePreprocessor.timeout=300", str(notebook)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def test_notebooks_have_no_committed_outputs():
    import json
    for notebook in NOTEBOOKS:
        for cell in json.load(open(notebook, encoding="utf-8"))["cells"]:
            assert not cell.get("outputs"), f"{notebook.name} has outputs committed"
