"""The import contracts in .importlinter hold: layers bot -> assistant -> ingest -> config, no cycles."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def test_import_contracts_are_kept():
    result = subprocess.run([sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert "Contracts: 3 kept, 0 broken." in report, report[-4000:]


def test_modules_stay_small():
    """DESIGN.md's habit: one idea per module. Every module in assistant/ and ingest/ <= 300 lines, bot.py <= 250."""
    too_long = {str(path.relative_to(ROOT)): n for folder in ("assistant", "ingest")
                for path in sorted((ROOT / folder).rglob("*.py"))
                if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert not too_long, f"split these modules: {too_long}"
    assert len((ROOT / "bot.py").read_text(encoding="utf-8").splitlines()) <= 250
