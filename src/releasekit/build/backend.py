"""The PEP 517 backend in an isolated environment, through the `build` package; its output captured."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from releasekit.errors import Category, ReleasekitError

if TYPE_CHECKING:
    from build.env import DefaultIsolatedEnv

    from build import ProjectBuilder

Kind = Literal["sdist", "wheel"]
TAIL_LINES = 25

# Asks the isolated environment which distribution provides the backend's top-level module, and its version.
_BACKEND_VERSION = (
    "import importlib.metadata as m, sys\n"
    "names = m.packages_distributions().get(sys.argv[1], [])\n"
    "print(names[0], m.version(names[0])) if names else print('?', '?')\n"
)


class BackendLog:
    """Every line the backend and the installer printed, in order, for the report and for errors."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, data: bytes | str | None) -> None:
        if data:
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            self.lines.extend(text.splitlines())

    def tail(self, count: int = TAIL_LINES) -> str:
        return "\n".join(self.lines[-count:])

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + ("\n" if self.lines else "")


def capturing_runner(log: BackendLog, environ: Mapping[str, str]) -> Callable[..., None]:
    """A pyproject_hooks runner: the hook subprocess gets ``environ``, its output goes to ``log``."""

    def runner(cmd: Sequence[str], cwd: str | None = None, extra_environ: Mapping[str, str] | None = None) -> None:
        env = {**environ, **(extra_environ or {})}
        completed = subprocess.run(  # noqa: S603 - argument list from pyproject_hooks, no shell
            list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False
        )
        log.add(completed.stdout)
        if completed.returncode != 0:
            raise subprocess.CalledProcessError(completed.returncode, list(cmd), completed.stdout)

    return runner


def build_failure(what: str, log: BackendLog, error: BaseException) -> ReleasekitError:
    """A `build` error showing the tail of the backend's output."""
    if isinstance(error, subprocess.CalledProcessError):
        log.add(error.stdout)
        log.add(error.stderr)
    inner = getattr(error, "exception", None)
    if isinstance(inner, subprocess.CalledProcessError):
        log.add(inner.stdout)
        log.add(inner.stderr)
    tail = log.tail()
    message = f"{what} failed: {error}" + (f"\n{tail}" if tail else "")
    return ReleasekitError(
        message,
        category=Category.BUILD,
        hint="the build backend's output ends above; fix the project so `python -m build` passes",
    )


def declared_backend(source: Path) -> str:
    """`[build-system] build-backend`, or setuptools' legacy backend that PEP 517 says to assume without one."""
    import tomllib  # noqa: PLC0415

    try:
        data = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    system = data.get("build-system")
    backend = system.get("build-backend") if isinstance(system, dict) else None
    return backend if isinstance(backend, str) else "setuptools.build_meta:__legacy__"


class IsolatedBackend:
    """One isolated environment with the backend installed, building sdists and wheels of source folders."""

    def __init__(self, env: DefaultIsolatedEnv, log: BackendLog, environ: Mapping[str, str]) -> None:
        self.env = env
        self.log = log
        self.environ = environ

    def builder(self, source: Path) -> ProjectBuilder:
        from build import BuildException, ProjectBuilder  # noqa: PLC0415 - only the build command loads build

        try:
            return ProjectBuilder.from_isolated_env(self.env, source, runner=capturing_runner(self.log, self.environ))
        except BuildException as error:
            raise ReleasekitError(
                f"cannot build {source}: {error}",
                category=Category.BUILD,
                hint="give the folder of a project with a valid pyproject.toml [build-system] (or a setup.py)",
            ) from error

    def build(self, kind: Kind, source: Path, outdir: Path) -> Path:
        """Install what the backend needs for ``kind``, then build it from ``source`` into ``outdir``."""
        from build import BuildBackendException, BuildException  # noqa: PLC0415

        builder = self.builder(source)
        try:
            self.env.install(builder.build_system_requires)
            self.env.install(builder.get_requires_for_build(kind))
            return Path(builder.build(kind, outdir))
        except (BuildBackendException, BuildException, subprocess.CalledProcessError) as error:
            raise build_failure(f"building the {kind} of {source}", self.log, error) from error

    def backend_version(self, source: Path) -> tuple[str, str]:
        """(the backend's module, ``distribution version``) as installed in the environment."""
        backend = declared_backend(source)
        top = backend.split(":")[0].split(".")[0]
        completed = subprocess.run(  # noqa: S603 - the environment's own interpreter, no shell
            [self.env.python_executable, "-c", _BACKEND_VERSION, top], capture_output=True, check=False, text=True
        )
        return backend, completed.stdout.strip()
