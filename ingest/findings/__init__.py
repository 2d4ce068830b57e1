"""Inspection findings: extracted at ingest, stored beside each index version, read back as plain data.

- ``rules``: findings, judgements and inspection facts from a document's own structure
  (``judgements``: graded judgements and inspection dates; ``themes``: the keyword themes);
- ``model``: an optional chat model (passed in) may add verified, verbatim findings;
- ``storage``: ``versions/<name>/findings.sqlite``, written once per version;
- ``index``: a version's findings in memory, filtered by authority, theme and kind;
- ``report``: numbered, cited text and JSON for lists and timelines (the command line and /kb-actions).

Questions about findings are recognised in ``assistant/findings.py``, which turns
these reports into cited answers.
"""
