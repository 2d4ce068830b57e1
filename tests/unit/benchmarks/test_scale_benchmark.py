"""benchmarks/scale.py keeps its contract: one JSON object with the figures issue 10 asks for."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

KEYS = {"passages", "build_s", "reload_s", "query_p50_ms", "query_p95_ms", "bot_rss_mb", "one_doc_refresh_s", "server"}


def test_scale_benchmark_prints_one_json_object_with_the_figures():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--passages", "150",
                             "--queries", "5", "--json"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert KEYS <= set(figures)
    assert figures["passages"] == 150 and figures["server"] is False and figures["refresh_embedded"] == 50
    assert all(figures[k] > 0 for k in KEYS - {"server"})
