"""Run bot.py with a fault at a seam we own: ``python tests/support/faulty_bot.py --enospc MODULE:QUALNAME -- ARGS``.

The named function or method raises ``OSError(ENOSPC)`` ("No space left on
device") whenever it is called, as a full disk would at that write step. The
rest of the process is the real bot.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def disk_full(target: str) -> None:
    """Make ``module:Class.method`` (or ``module:function``) raise ENOSPC."""
    module_name, qualname = target.split(":")
    owner = importlib.import_module(module_name)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    setattr(owner, name, full)


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    split = argv.index("--")
    options, rest = argv[:split], argv[split + 1:]
    for flag, target in zip(options[::2], options[1::2]):
        if flag != "--enospc":
            raise SystemExit(f"unknown fault {flag}")
        disk_full(target)
    import bot

    sys.argv = ["bot.py", *rest]
    bot.main()


if __name__ == "__main__":
    main(sys.argv[1:])
