"""scripts/story_tests.py says how many stories failed, read from Rasa's report file."""

from __future__ import annotations

from scripts.story_tests import failed_stories


def test_no_report_file_means_no_failure(tmp_path):
    assert failed_stories(tmp_path / "failed_test_stories.yml") == 0


def test_rasas_all_good_report_counts_no_failure(tmp_path):
    path = tmp_path / "failed_test_stories.yml"
    path.write_text("# None of the test stories failed - all good!", encoding="utf-8")
    assert failed_stories(path) == 0


def test_each_failed_story_is_counted(tmp_path):
    path = tmp_path / "failed_test_stories.yml"
    path.write_text(
        'version: "3.1"\nstories:\n- story: greet (tests/stories/a.yml)\n  steps:\n'
        "  - intent: greet\n- story: bye (tests/stories/b.yml)\n  steps:\n  - intent: goodbye\n",
        encoding="utf-8",
    )
    assert failed_stories(path) == 2
