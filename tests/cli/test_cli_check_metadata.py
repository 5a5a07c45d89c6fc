"""`releasekit check-metadata`: exact output, exit codes, --strict, several files, bad input, the lean check path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from releasekit.cli.main import main
from tests.helpers.git_repos import make_repo, write_files

BROKEN = (
    "[project]\n"
    'name = "my-pkg"\n'
    'version = "1.0.0+local"\n'
    'description = "Checks."\n'
    'requires-python = ">=3.10,<4"\n'
    'classifiers = ["Development Status :: 4 - Beta", "Natural Language :: Ukranian"]\n'
)
BROKEN_OUTPUT = [
    "pyproject.toml:3:1: RK103 version '1.0.0+local' has a local part '+local' (drop the +local part before releasing)",
    "pyproject.toml:5:1: RK157 requires-python '>=3.10,<4' has an upper cap "
    "(drop the upper bound; caps break installs on new Python versions)",
    "pyproject.toml:6:50: RK114 classifier 'Natural Language :: Ukranian' is deprecated; "
    "use 'Natural Language :: Ukrainian' (use the classifier it was replaced by)",
    "releasekit: 2 errors, 1 warning in pyproject.toml",
]
WARNING_ONLY = '[project]\nname = "my-pkg"\nversion = "1.0.0"\nrequires-python = ">=3.10,<4"\n'
CLEAN = '[project]\nname = "my-pkg"\nversion = "1.0.0"\n'


def test_findings_print_all_at_once_with_a_summary(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": BROKEN})
    assert main(["check-metadata"]) == 1
    captured = capsys.readouterr()
    assert (captured.out.splitlines(), captured.err) == (BROKEN_OUTPUT, "")


def test_clean_file(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": CLEAN})
    assert main(["check-metadata", "pyproject.toml"]) == 0
    assert capsys.readouterr().out == "releasekit: metadata OK in pyproject.toml\n"


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)], ids=["warnings-pass", "strict-fails"])
def test_warnings_fail_only_when_strict(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], *, strict: bool, code: int
) -> None:
    write_files(in_tmp, {"pyproject.toml": WARNING_ONLY})
    assert main(["check-metadata", *(["--strict"] if strict else [])]) == code
    assert capsys.readouterr().out.splitlines() == [
        "pyproject.toml:4:1: RK157 requires-python '>=3.10,<4' has an upper cap "
        "(drop the upper bound; caps break installs on new Python versions)",
        "releasekit: 1 warning in pyproject.toml",
    ]


def test_several_paths_are_all_checked(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"one/pyproject.toml": BROKEN, "two/pyproject.toml": CLEAN, "three/pyproject.toml": BROKEN})
    assert main(["check-metadata", "one/pyproject.toml", "two/pyproject.toml", "three/pyproject.toml"]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = [line.replace("pyproject.toml:", "{}/pyproject.toml:", 1) for line in BROKEN_OUTPUT[:-1]]
    assert out == [
        *(line.format("one") for line in expected),
        *(line.format("three") for line in expected),
        "releasekit: 4 errors, 2 warnings in 3 files",
    ]


def test_no_project_table(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": "[tool.ruff]\nline-length = 100\n"})
    assert main(["check-metadata"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "releasekit: pyproject.toml has no [project] table; only its schema was checked",
        "releasekit: metadata OK in pyproject.toml",
    ]


def test_malformed_toml_exits_2_like_check(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(in_tmp, {"pyproject.toml": '[project]\nname = "x"\nversion = 1.2.3\n', "ok/pyproject.toml": BROKEN})
    assert main(["check-metadata", "pyproject.toml", "ok/pyproject.toml"]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (
        "pyproject.toml:3:14: RK903 malformed TOML: Expected newline or end of document after a statement"
    )
    assert captured.out.splitlines()[-1] == "releasekit: 3 errors, 1 warning in 2 files"
    assert len(captured.out.splitlines()) == 5  # the other file was still checked
    assert captured.err == (
        "releasekit: configuration error: pyproject.toml is not valid TOML\n"
        "releasekit: hint: fix the TOML syntax at that line\n"
    )


def test_missing_file_is_a_usage_error(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-metadata"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        "releasekit: error: no such file: pyproject.toml\n"
        "releasekit: hint: pass the path of a pyproject.toml (default: ./pyproject.toml)\n",
    )


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-metadata", "--frobnicate"]) == 2
    assert capsys.readouterr().err.endswith("releasekit: error: unrecognized arguments: --frobnicate\n")


def test_github_actions_annotations_say_error_or_warning(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = in_tmp / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_files(in_tmp, {"pyproject.toml": BROKEN})
    assert main(["check-metadata"]) == 1
    assert capsys.readouterr().out.splitlines()[len(BROKEN_OUTPUT) :] == [
        "::error file=pyproject.toml,line=3,col=1,title=RK103::version '1.0.0+local' has a local part '+local'",
        "::warning file=pyproject.toml,line=5,col=1,title=RK157::requires-python '>=3.10,<4' has an upper cap",
        "::error file=pyproject.toml,line=6,col=50,title=RK114::classifier 'Natural Language :: Ukranian' "
        "is deprecated; use 'Natural Language :: Ukrainian'",
    ]
    assert summary.read_text(encoding="utf-8").startswith("### releasekit: package metadata\n")


HEAVY_MODULES = ("validate_pyproject", "readme_renderer", "trove_classifiers", "docutils", "fastjsonschema", "comrak")


def _imported_by(argv: list[str], cwd: Path) -> list[str]:
    script = (
        "import json, sys\n"
        "from releasekit.cli.main import main\n"
        f"code = main({argv!r})\n"
        f"print(json.dumps([code, sorted(name for name in sys.modules if name.split('.')[0] in {HEAVY_MODULES!r})]))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True)
    code, modules = json.loads(completed.stdout.splitlines()[-1])
    assert code in (0, 1), completed.stdout
    loaded: list[str] = modules
    return loaded


def test_check_stays_lean_and_check_metadata_loads_its_libraries(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "project", {"pyproject.toml": CLEAN, "README.md": "my-pkg 1.0.0\n"})
    assert _imported_by(["check", str(root)], root) == []
    loaded = {name.split(".")[0] for name in _imported_by(["check-metadata", str(root / "pyproject.toml")], root)}
    assert loaded >= {"validate_pyproject", "trove_classifiers", "fastjsonschema"}
