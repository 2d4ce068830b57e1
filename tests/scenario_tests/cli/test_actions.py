"""`python bot.py actions --authority … --theme …` as an operator types it: one council's findings on one theme,
each cited, and the timeline across its inspections (expectations read from knowledge/stockton-2011-ucra-letter.txt)."""

from __future__ import annotations

import json

from tests.support.cli import bot

SUPERVISION = "The frequency and quality of supervision arrangements is not in accordance with the authority's requirements."


def test_actions_for_a_council_and_a_theme_on_the_command_line(knowledge_store):
    result = bot("actions", "--authority", "stockton", "--theme", "supervision", store=knowledge_store.root)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    first, timeline = out.split("Supervision at Stockton-on-Tees, across its inspections (oldest first):")
    # the finding, its kind, that it repeats the previous inspection's, and where it is written
    assert first.startswith("Stockton-on-Tees — 2011 letter (2011-06-09) — area for development — supervision — "
                            "repeated from the previous inspection, 5 and 6 January 2010")
    assert SUPERVISION in first and "source: stockton-2011-ucra-letter.txt — Areas for development" in first
    # the timeline quotes it, cited
    assert f"“{SUPERVISION}" in timeline and timeline.rstrip().endswith(
        "[1] stockton-2011-ucra-letter.txt — Areas for development")
    # only the theme asked for: the letter's other areas for development are left out
    for other in ("Case recording is not sufficiently up to date", "Management oversight and decision making",
                  "completion of assessments is still not sufficiently timely"):
        assert other not in out

    as_json = bot("actions", "--authority", "Stockton-on-Tees", "--theme", "supervision", "--json",
                  store=knowledge_store.root)
    rows = json.loads(as_json.stdout)
    assert [(r["authority"], r["kind"], r["theme"], r["citation"]["source"]) for r in rows] == [
        ("Stockton-on-Tees", "area_for_development", "supervision", "stockton-2011-ucra-letter.txt")]
    assert rows[0]["text"].startswith(SUPERVISION) and rows[0]["repeated"]

    unknown = bot("actions", "--authority", "stockton", "--theme", "parking", store=knowledge_store.root)
    assert unknown.returncode == 2 and "unknown theme 'parking'; themes:" in unknown.stderr
