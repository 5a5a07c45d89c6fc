"""The `[tool.releasekit]` table `init` adds to pyproject.toml (tomlkit), unless the project has one."""

from __future__ import annotations

import tomlkit

from releasekit.init.detect import Detected


def add_table(text: str, detected: Detected) -> str:
    """``text`` with a `[tool.releasekit]` table of the detected settings; unchanged when it has one."""
    document = tomlkit.parse(text)
    tool = document.get("tool")
    if tool is not None and "releasekit" in tool:
        return text
    table = tomlkit.table()
    table.add(tomlkit.comment("Detected by `releasekit init`; every key is optional (see releasekit's README)."))
    table.add("tag-name", detected.tag_name)
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        document.add("tool", tool)
    tool.add("releasekit", table)
    return tomlkit.dumps(document)
