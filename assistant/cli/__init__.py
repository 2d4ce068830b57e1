"""The command line: one module per group of commands, each with ``register(app)``; ``bot.py`` builds the app.

Every command takes its parts from one :class:`assistant.runtime.Runtime`, made
from the settings (``--store`` / ``KB_STORE_DIR`` and the rest), and reports
an operator's mistake as one red line and an exit code (:func:`common.fail`).
"""
