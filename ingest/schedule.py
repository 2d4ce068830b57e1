"""The scheduled refresh: a cron expression in settings runs the refresh job inside `serve`.

``refresh_schedule`` takes five cron fields (minute hour day month day-of-week,
e.g. ``"30 6 * * mon-fri"``) or six with seconds first. Write days of the week
as names: APScheduler numbers them from Monday. The job runs the process's one
:class:`ingest.refresh.Refresher`, the same one `python bot.py refresh` and
Slack's ``/kb-refresh`` use; a run that finds another refresh in progress skips.
"""

from __future__ import annotations

import logging
from typing import Callable

from config.settings import Settings, SettingsError
from ingest.indexer import SyncSummary
from ingest.refresh import Refresher
from ingest.store import StoreBusy

log = logging.getLogger(__name__)
JOB_ID = "kb-refresh"


def parse_schedule(expression: str, *, timezone: str = "Europe/London", setting: str = "refresh_schedule"):
    """An APScheduler trigger for a 5- or 6-field cron expression; :class:`SettingsError` (naming ``setting``)
    when invalid."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    try:
        if len(fields) == 5:
            return CronTrigger.from_crontab(expression, timezone=timezone)
        if len(fields) == 6:
            second, minute, hour, day, month, day_of_week = fields
            return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month,
                               day_of_week=day_of_week, timezone=timezone)
    except ValueError as exc:
        raise SettingsError(f"invalid settings: {setting} {expression!r}: {exc}") from None
    raise SettingsError(f"invalid settings: {setting} {expression!r} needs 5 cron fields (or 6 with seconds)")


def refresh_job(refresher: Refresher) -> Callable[[], SyncSummary | None]:
    """A no-argument job running one refresh; it logs ids and counts only and never raises."""

    def run() -> SyncSummary | None:
        try:
            return refresher.run()
        except StoreBusy:
            log.info("scheduled refresh skipped: another refresh is running")
        except Exception as exc:  # noqa: BLE001 - a failed run must not stop the scheduler; next run retries
            log.error("scheduled refresh failed error=%s", type(exc).__name__)
        return None

    return run


def start_schedule(expression: str, job: Callable[[], object], *, timezone: str = "Europe/London",
                   job_id: str = JOB_ID, setting: str = "refresh_schedule"):
    """Start a background scheduler running ``job`` on ``expression``; returns it (call ``shutdown()``)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    trigger = parse_schedule(expression, timezone=timezone, setting=setting)
    scheduler = BackgroundScheduler(daemon=True, timezone=timezone)
    # One run at a time; runs missed while one was going are merged into one.
    scheduler.add_job(job, trigger, id=job_id, max_instances=1, coalesce=True, misfire_grace_time=600)
    scheduler.start()
    log.info("job scheduled job=%s next=%s", job_id, scheduler.get_job(job_id).next_run_time.isoformat())
    return scheduler


def start_from_settings(settings: Settings, refresher: Refresher):
    """What `serve` calls: the scheduled refresh of ``settings.refresh_schedule``, or None when none is set."""
    if not settings.refresh_schedule:
        return None
    return start_schedule(settings.refresh_schedule, refresh_job(refresher))
