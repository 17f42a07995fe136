"""``.vscode/``: launch.json is generated, current and portable; its tasks exist."""

from __future__ import annotations

import json
import re

import pytest

from course.catalog import ROOT, all_exercises
from tools import launch_json
from tools.launch_json import LAUNCH_JSON, TASKS_JSON, load_jsonc, strip_jsonc_comments

VSCODE = ROOT / ".vscode"
CONFIGURATIONS = load_jsonc(LAUNCH_JSON)["configurations"]
TASKS = load_jsonc(TASKS_JSON)["tasks"]
# An absolute path of this machine or of a user's home, in any OS's spelling.
MACHINE_SPECIFIC = re.compile(r"(^|[\s\"'=])(/(home|Users|root|tmp|work|opt)/|[A-Za-z]:\\|~/)")


def test_the_checked_in_launch_json_is_up_to_date() -> None:
    assert launch_json.main(["--check"]) == 0, "run `make launch` and commit .vscode/launch.json"


def test_check_fails_on_a_stale_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    stale = tmp_path / "launch.json"
    stale.write_text(LAUNCH_JSON.read_text(encoding="utf-8").replace("debugpy", "python", 1))
    monkeypatch.setattr(launch_json, "LAUNCH_JSON", stale)
    assert launch_json.main(["--check"]) == 1


def test_write_then_check_round_trips(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    target = tmp_path / ".vscode" / "launch.json"
    monkeypatch.setattr(launch_json, "LAUNCH_JSON", target)
    monkeypatch.setattr(launch_json, "ROOT", tmp_path)
    assert launch_json.main(["--write"]) == 0
    assert launch_json.main(["--check"]) == 0


def test_every_configuration_uses_the_current_debugger_type() -> None:
    assert {c["type"] for c in CONFIGURATIONS} == {"debugpy"}


def test_names_are_unique_and_exercises_come_in_course_order() -> None:
    names = [c["name"] for c in CONFIGURATIONS]
    assert len(names) == len(set(names))
    expected = [e.launch_name for e in all_exercises()]
    assert names[: len(expected)] == expected
    numbers = [int(name.split(" ", 1)[0]) for name in expected]
    assert numbers == sorted(numbers) == [e.number for e in all_exercises()]


def test_each_exercise_configuration_is_its_launch_table_with_defaults() -> None:
    by_name = {c["name"]: c for c in CONFIGURATIONS}
    for exercise in all_exercises():
        configuration = by_name[exercise.launch_name]
        assert exercise.launch.items() <= configuration.items(), exercise.slug
        if configuration["request"] == "launch":
            assert configuration["cwd"] == "${workspaceFolder}"
            assert "module" in configuration or "program" in configuration, exercise.slug


def test_the_generic_configurations_exist() -> None:
    by_name = {c["name"]: c for c in CONFIGURATIONS}
    assert by_name["Python: current file"]["program"] == "${file}"


def test_the_debug_test_configuration_suits_the_testing_view() -> None:
    """The Testing view sets "program" and "args" and keeps every other key: a
    target of ours would reach debugpy beside its program, and options must
    travel in the environment (tests/test_debug_test_config.py runs it)."""
    debug_tests = [c for c in CONFIGURATIONS if "debug-test" in c.get("purpose", [])]
    assert len(debug_tests) == 1, "the Testing view takes the first; keep one"
    debug_test = debug_tests[0]
    assert not {"module", "program", "code", "args"} & debug_test.keys()
    assert debug_test["env"]["PYTEST_ADDOPTS"]
    current = next(c for c in CONFIGURATIONS if c["name"] == "Debug the current test file")
    assert "purpose" not in current, "Run and Debug's own entry for the open test file"
    assert current["env"] == debug_test["env"], "the same options both ways"


def test_every_pre_launch_task_exists() -> None:
    labels = {task["label"] for task in TASKS}
    wanted = {c["preLaunchTask"] for c in CONFIGURATIONS if "preLaunchTask" in c}
    assert wanted <= labels


def test_background_tasks_say_when_they_are_ready() -> None:
    for task in TASKS:
        if task.get("isBackground"):
            background = task["problemMatcher"]["background"]
            assert background["beginsPattern"], task["label"]
            assert re.compile(background["endsPattern"]).pattern, task["label"]


def test_tasks_use_no_shell_syntax() -> None:
    """A "process" task runs the same on Windows, macOS and Linux."""
    for task in TASKS:
        assert task["type"] == "process", task["label"]
        assert not any(token in " ".join(task["args"]) for token in ("&&", "|", ";", "$(")), task


@pytest.mark.parametrize("name", ["launch.json", "tasks.json", "settings.json",
                                  "extensions.json"])
def test_vscode_files_parse_and_hold_no_machine_specific_path(name: str) -> None:
    text = strip_jsonc_comments((VSCODE / name).read_text(encoding="utf-8"))
    json.loads(text)
    assert not MACHINE_SPECIFIC.search(text), MACHINE_SPECIFIC.search(text)


def test_settings_enable_pytest_without_coverage() -> None:
    settings = load_jsonc(VSCODE / "settings.json")
    assert settings["python.testing.pytestEnabled"] is True
    assert settings["python.testing.unittestEnabled"] is False
    assert not any("cov" in arg for arg in settings["python.testing.pytestArgs"])
    assert settings["python.defaultInterpreterPath"].startswith("${workspaceFolder}/.venv/")


def test_the_recommended_extensions() -> None:
    recommended = set(load_jsonc(VSCODE / "extensions.json")["recommendations"])
    assert {"ms-python.python", "ms-python.debugpy", "ms-toolsai.jupyter"} <= recommended


@pytest.mark.parametrize(("text", "expected"), [
    ('// header\n{"a": "http://x"} // tail', {"a": "http://x"}),
    ('{"a": "/* not a comment */", /* one */ "b": 1}', {"a": "/* not a comment */", "b": 1}),
    ('{"a": "quote \\" // still a string"}', {"a": 'quote " // still a string'}),
])
def test_jsonc_comments_are_stripped_outside_strings(text: str, expected: dict) -> None:
    assert json.loads(strip_jsonc_comments(text)) == expected
