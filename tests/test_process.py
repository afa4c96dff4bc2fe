"""bot.process: packages a server process never imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot import process


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_a_blocked_package_and_its_submodules_cannot_be_imported():
    done = run_python(
        "from bot.process import block_imports\n"
        "block_imports(['tensorflow', 'jax'])\n"
        "for name in ('tensorflow', 'tensorflow.experimental.dlpack', 'jax'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "    except ModuleNotFoundError as e:\n"
        "        print('refused', e.name)\n"
    )
    assert done.returncode == 0, done.stderr
    # a submodule is refused at its package, which Python imports first
    assert done.stdout.split("\n")[:3] == [
        "refused tensorflow",
        "refused tensorflow",
        "refused jax",
    ]


@pytest.mark.slow
def test_spacy_works_without_tensorflow_and_thinc_knows_it_is_absent():
    """What the action server relies on: spaCy's matcher, TensorFlow blocked."""
    done = run_python(
        "from bot.process import block_imports\n"
        "block_imports(['tensorflow', 'jax', 'h5py'])\n"
        "import sys, spacy, thinc.compat\n"
        "from spacy.matcher import PhraseMatcher\n"
        "nlp = spacy.blank('en')\n"
        "m = PhraseMatcher(nlp.vocab, attr='LOWER')\n"
        "m.add('RED', [nlp.make_doc('red cheeks')])\n"
        "print(len(m(nlp('My RED cheeks hurt'))), thinc.compat.has_tensorflow,\n"
        "      any(n.split('.')[0] in ('tensorflow', 'jax') for n in sys.modules))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "False", "False"]


def test_blocking_what_is_already_imported_is_refused():
    with pytest.raises(RuntimeError, match="pytest"):
        process.block_imports(["pytest"])
