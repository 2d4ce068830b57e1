"""No silent skips in CI: every test that reads ../shared goes through one check, which FAILS under CI=true when
the material is missing (and skips, saying why, elsewhere)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT

TESTS = ROOT / "tests"
GATEWAY = {TESTS / "conftest.py", Path(__file__).resolve()}
FIXTURES = ("shared_dir", "corpus_store")


def _reaches_shared(path: Path) -> list[str]:
    """Code in ``path`` (docstrings aside) that names the shared folder itself rather than taking the fixture."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value in ("shared", "../shared", "BANK_SHARED_DIR") or node.value.endswith("/shared"):
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
        elif isinstance(node, ast.Name) and node.id in ("SHARED", "find_shared"):
            found.append(f"{path.name}:{node.lineno} {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr in ("SHARED", "find_shared"):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if a.name in ("SHARED", "find_shared")]
    return found


def test_no_test_reaches_the_shared_folder_except_through_the_fixture():
    offenders = [hit for path in sorted(TESTS.rglob("*.py")) if path not in GATEWAY for hit in _reaches_shared(path)]
    assert offenders == [], "take the shared_dir fixture (tests/conftest.py) instead: " + "; ".join(offenders)


def test_under_ci_every_corpus_test_fails_with_a_clear_message_when_shared_is_absent(tmp_path):
    # A copy of the project with no ../shared beside it (nor two levels up), run as CI runs it.
    repo = tmp_path / "clone" / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in ("tests", "assistant", "ingest", "config", "benchmarks", "knowledge"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    for name in ("bot.py", "pytest.ini"):
        shutil.copy2(ROOT / name, repo / name)
    assert not (repo.parent / "shared").exists() and not (repo.parent.parent / "shared").exists()
    files = sorted(str(p.relative_to(repo)) for p in (repo / "tests").rglob("test_*.py")
                   if any(f in p.read_text(encoding="utf-8") for f in FIXTURES))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "BANK_", "CHROMA_"))}
    env.update(CI="true", HF_HUB_OFFLINE="1")
    report = tmp_path / "report.xml"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "needs_shared",
                             f"--junitxml={report}", *files], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=300)
    cases = ET.parse(report).getroot().iter("testcase")
    outcomes = {}
    for case in cases:
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        message = " ".join((child.get("message") or "") + (child.text or "") for child in case)
        outcomes[f"{case.get('classname')}.{case.get('name')}"] = (kinds, message)
    assert result.returncode == 1, result.stdout[-3000:]
    assert len(outcomes) >= 12, outcomes.keys()
    for name in ("test_eval_on_the_dev_set_meets_the_quality_floor", "test_whole_bank_passes_every_check",
                 "test_the_real_corpus_and_sample_documents_raise_no_flag", "test_stockton_2011_letter"):
        assert any(name in case for case in outcomes), name
    for case, (kinds, message) in outcomes.items():
        assert kinds and set(kinds) <= {"failure", "error"}, f"{case} did not fail: {kinds}"
        assert "CI=true but the shared material (corpus/ and eval/dev.jsonl) is missing" in message, case
