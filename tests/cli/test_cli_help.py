"""Every command's --help: a description and examples; bump's says that pushing is the default."""

from __future__ import annotations

import pytest

from releasekit.cli.main import COMMANDS, main


@pytest.mark.parametrize("module", COMMANDS)
def test_every_command_has_a_description_and_an_example(module: str, capsys: pytest.CaptureFixture[str]) -> None:
    command = module.replace("_", "-")
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    _, _, rest = out.partition("\n\n")
    description = rest.partition("\n\n")[0]
    assert description and not description.startswith(("positional arguments", "options")), out
    examples = out.partition("\nexamples:\n")[2].splitlines()
    assert examples and all(line.startswith(f"  releasekit {command}") for line in examples), out


def test_bump_help_says_pushing_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bump", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Pushing is the default (--no-push, or push = false in [tool.releasekit], to keep the release local)" in out
    assert "releasekit bump patch # 1.2.3 -> 1.2.4: write, verify, commit, tag v1.2.4, push" in out
