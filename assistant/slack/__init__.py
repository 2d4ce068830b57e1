"""The Slack app: one module per Slack surface, each with ``register(app, services)``; ``app.build_app`` wires them.

Nothing here does input/output at import time: settings, clients and the
assistant are made in the entry point (``bot.py serve``) and passed in.
"""
