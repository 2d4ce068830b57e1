"""`serve`: the Slack bot (Socket Mode, or the Events API over HTTP), with the scheduled refresh and the managers'
digest when they are set."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.cli.common import StoreOption, err, fail, runtime_for, settings_or_exit


def serve(
    http: Annotated[bool, typer.Option("--http", help="Serve the Events API over HTTP instead of Socket Mode.")] = False,
    port: Annotated[int, typer.Option("--port", help="HTTP port (with --http).")] = 3000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (--http, --health-port).")] = "0.0.0.0",
    health_port: Annotated[Optional[int], typer.Option(
        "--health-port", help="Socket Mode: also serve /healthz on this port.")] = None,
    store: StoreOption = None,
) -> None:
    """Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, or --http (/slack/events and /healthz)."""
    from slack_bolt.error import BoltError

    from assistant.slack.app import build_app
    from assistant.watch import watch_live
    from assistant.slack.digest import start_from_settings as start_digest
    from assistant.slack.server import make_http_server, serve_http_in_thread, serve_socket_mode
    from config.settings import SettingsError
    from ingest.schedule import start_from_settings
    from ingest.store import StoreEmpty

    settings = settings_or_exit(store)
    missing = [name for name, value in (("SLACK_BOT_TOKEN", settings.slack_bot_token),
                                        ("SLACK_SIGNING_SECRET" if http else "SLACK_APP_TOKEN",
                                         settings.slack_signing_secret if http else settings.slack_app_token))
               if not value]
    if missing:
        hint = "" if http else " (or run with --http and SLACK_SIGNING_SECRET for the Events API over HTTP)"
        fail(f"set {' and '.join(missing)} in the environment{hint}; see docs/slack.md")
    runtime = runtime_for(settings)
    assistant = runtime.assistant
    try:
        assistant.warm()  # the model is loaded once, before the first question
    except StoreEmpty:
        err.print("[yellow]the knowledge base is empty: the bot will say so until a manager runs /kb-refresh "
                  "(or you run `python bot.py ingest`)[/yellow]")
    watch_live(assistant)  # another replica's refresh: the new version is loaded before questions need it
    try:
        bolt = build_app(runtime, socket_mode=not http)
    except BoltError:
        fail(f"Slack refused the bot token (auth.test failed at {settings.slack_api_url})")
    try:
        scheduler = start_from_settings(settings, runtime.refresher)
        digest = start_digest(settings, bolt.client, runtime.store, clock=runtime.clock)
    except SettingsError as exc:
        fail(str(exc))
    if scheduler is not None:
        err.print(f"scheduled refresh: {settings.refresh_schedule} (Europe/London)", highlight=False)
    if digest is not None:
        err.print(f"managers' digest by DM: {settings.digest_schedule} (Europe/London)", highlight=False)
    grace = settings.shutdown_grace_s
    if http:
        server = make_http_server(bolt, assistant, host=host, port=port, backlog=settings.http_backlog, grace_s=grace)
        err.print(f"serving the Events API on http://{host}:{server.server_port}/slack/events "
                  f"(health: /healthz); Ctrl-C or SIGTERM stops")
        try:
            server.serve_forever()  # on SIGTERM: stop listening, let answers in progress finish, exit 0
        finally:
            server.server_close()
    else:
        if health_port is not None:
            health = make_http_server(None, assistant, host=host, port=health_port)
            serve_http_in_thread(health)
            err.print(f"health: http://{host}:{health.server_port}/healthz")
        err.print("connecting to Slack in Socket Mode; Ctrl-C or SIGTERM stops")
        serve_socket_mode(bolt, settings.slack_app_token, grace_s=grace)


def register(app: typer.Typer) -> None:
    app.command()(serve)
