"""A local double of Slack's Web API (and response_url hooks, and file upload URLs) on 127.0.0.1, recording every
call.

The one edge we do not own: the bot's Web API client is pointed at it with
``SLACK_API_URL``, and response_urls in the payloads we send point at its hooks.
Calls can be scripted to fail (429 with Retry-After, ``ok: false``, a dropped connection).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.payloads import BOT_ID, BOT_USER, TEAM

_hooks = itertools.count(1)


@dataclass
class Call:
    method: str  # Web API method, or "hook:<id>" for a response_url post
    args: dict[str, Any]
    headers: dict[str, str]
    at: float
    status: int = 200
    stalled: bool = False  # carried out, answered only after the client had given up


@dataclass
class _Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    match: dict[str, Any] = field(default_factory=dict)
    delay: float = 0.0  # > 0: the call is carried out, then its response is held back this long


class SlackDouble:
    """Plays Slack's Web API at ``{url}/api/<method>`` and response_urls at ``{url}/hooks/<id>``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.attempts: list[Call] = []  # every request, including scripted failures
        self.usergroup_members: list[str] = []
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes posted to its upload URL
        self.messages: list[dict[str, Any]] = []  # what chat.postMessage posted, for conversations.replies
        self._down: dict[str, tuple[int, str]] = {}  # method -> (status, error) for every call until mended
        self._slow: dict[str, float] = {}  # method -> seconds every call's response is held back
        self.ws_url: str | None = None
        self._script: dict[str, list[_Scripted]] = {}
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._ts = itertools.count(1)
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _upload(self, data: bytes) -> None:
                """A file's bytes, posted to the URL files.getUploadURLExternal handed out (404 for any other)."""
                ok = double._upload(urllib.parse.urlparse(self.path).path[len("/upload/"):], data, dict(self.headers))
                self.send_response(200 if ok else 404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", "2" if ok else "0")
                self.end_headers()
                if ok:
                    self.wfile.write(b"OK")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                if urllib.parse.urlparse(self.path).path.startswith("/upload/"):
                    self._upload(data)
                    return
                raw = data.decode("utf-8")
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
                    for key in ("blocks", "view", "attachments"):
                        if isinstance(args.get(key), str):
                            try:
                                args[key] = json.loads(args[key])
                            except ValueError:
                                pass
                parsed = urllib.parse.urlparse(self.path)
                path = parsed.path
                for key, values in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items():
                    args.setdefault(key, values[0])  # GET methods (conversations.replies) send a query string
                if path.startswith("/api/"):
                    method = path[len("/api/"):]
                elif path.startswith("/hooks/"):
                    method = "hook:" + path[len("/hooks/"):]
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, body, headers, delay = double._respond(method, args, dict(self.headers))
                if status == 0:  # scripted: drop the connection without a response
                    self.close_connection = True
                    return
                if delay:  # scripted: a slow or stalled call (Slack has acted on it; the answer comes late)
                    time.sleep(delay)
                payload = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up on a stalled call
                    self.close_connection = True

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.api_url = self.url + "/api/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    # -- scripting ---------------------------------------------------------
    def fail_next(self, method: str, *, status: int = 429, retry_after: int | None = 1, error: str = "ratelimited",
                  times: int = 1, match: dict[str, Any] | None = None) -> None:
        """The next ``times`` calls of ``method`` (whose args include ``match``) fail: 429 with Retry-After,
        ``{"ok": false}`` with 200, or (status 0) the connection is dropped without a response. Give ``match``
        (e.g. the channel) so a late call from an earlier test cannot take the failure meant for this one."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self._lock:
            self._script.setdefault(method, []).extend(
                _Scripted(status, {"ok": False, "error": error}, headers, dict(match or {})) for _ in range(times))

    def stall_next(self, method: str, *, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` are carried out (and recorded) but answered only after
        ``seconds``: longer than the client's timeout, the caller cannot tell whether they worked."""
        with self._lock:
            self._script.setdefault(method, []).extend(
                _Scripted(200, {}, delay=seconds) for _ in range(times))

    def break_method(self, method: str, *, status: int = 500, error: str = "internal_error") -> None:
        """Every call of ``method`` fails with ``status`` until :meth:`mend`."""
        with self._lock:
            self._down[method] = (status, error)

    def mend(self, method: str) -> None:
        with self._lock:
            self._down.pop(method, None)

    def slow(self, method: str, *, seconds: float) -> None:
        """Every call of ``method`` is carried out, then answered ``seconds`` later (0: at once again)."""
        with self._lock:
            self._slow[method] = seconds

    def _respond(self, method: str, args: dict, headers: dict) -> tuple[int, dict, dict, float]:
        call = Call(method, args, headers, time.monotonic())
        with self._cond:
            self.attempts.append(call)
            down = self._down.get(method)
            if down:
                call.status = down[0]
                self._cond.notify_all()
                return down[0], {"ok": False, "error": down[1]}, {}, 0.0
            queue = self._script.get(method, [])
            scripted = next((s for s in queue if all(args.get(k) == v for k, v in s.match.items())), None)
            if scripted is not None:
                queue.remove(scripted)
            if scripted is not None and not scripted.delay:
                call.status = scripted.status
                self._cond.notify_all()
                return scripted.status, scripted.body, scripted.headers, 0.0
            body = self._body(method, args)
            call.stalled = scripted is not None
            self.calls.append(call)
            self._cond.notify_all()
        return 200, body, {}, scripted.delay if scripted is not None else self._slow.get(method, 0.0)

    def _upload(self, file_id: str, data: bytes, headers: dict) -> bool:
        """Keep an upload's bytes; False for a file id files.getUploadURLExternal never issued."""
        with self._cond:
            if file_id not in self.uploads:
                return False
            self.uploads[file_id] = data
            self.calls.append(Call(f"upload:{file_id}", {"bytes": len(data)}, headers, time.monotonic()))
            self._cond.notify_all()
        return True

    def _body(self, method: str, args: dict) -> dict:
        """A successful response (called under the lock)."""
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        if method == "conversations.open":
            users = str(args.get("users", ""))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            self.uploads[file_id] = b""  # issued: its upload URL now takes bytes
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = json.loads(args["files"]) if isinstance(args.get("files"), str) else args.get("files", [])
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"),
                                           "size": len(self.uploads.get(f["id"], b""))} for f in files]}
        if method == "auth.test":
            return {"ok": True, "url": "https://council.slack.com/", "team": "Council", "user": "assistant",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            metadata = args.get("metadata")
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            message = {"type": "message", "ts": ts, "bot_id": BOT_ID, "user": BOT_USER, "channel": args.get("channel"),
                       "thread_ts": args.get("thread_ts"), "text": args.get("text", "")}
            if metadata:
                message["metadata"] = metadata
            self.messages.append(message)
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.getPermalink":
            channel, message_ts = args.get("channel", ""), str(args.get("message_ts", ""))
            return {"ok": True, "channel": channel,
                    "permalink": f"https://council.slack.com/archives/{channel}/p{message_ts.replace('.', '')}"}
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method in ("views.open", "views.update", "views.publish"):
            view = args.get("view") if isinstance(args.get("view"), dict) else {}
            return {"ok": True, "view": {**view, "id": args.get("view_id") or f"V{next(self._ts):08d}"}}
        if method == "conversations.replies":
            thread = [m for m in self.messages if m["channel"] == args.get("channel")
                      and args.get("ts") in (m["ts"], m["thread_ts"])]
            with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
            return {"ok": True, "has_more": False, "messages": [
                m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in thread]}
        if method == "users.info":
            return {"ok": True, "user": {"id": args.get("user"), "tz": "Europe/London", "is_bot": False}}
        if method == "usergroups.users.list":
            return {"ok": True, "users": list(self.usergroup_members)}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url} if self.ws_url else {"ok": False, "error": "not_configured"}
        if method.startswith("hook:"):
            return {"ok": True}
        return {"ok": True}

    # -- inspection ----------------------------------------------------------
    def of(self, method: str, **match: Any) -> list[Call]:
        """Recorded successful calls of ``method`` whose args include ``match``."""
        with self._lock:
            calls = list(self.calls)
        if method == "hook":
            calls = [c for c in calls if c.method.startswith("hook:")]
        else:
            calls = [c for c in calls if c.method == method]
        return [c for c in calls if all(c.args.get(k) == v for k, v in match.items())]

    def wait_for(self, method: str, *, count: int = 1, timeout: float = 20.0, **match: Any) -> list[Call]:
        """Block until ``count`` matching calls were recorded; fail loudly after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self.of_unlocked(method, **match)
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {count} x {method} {match}; got {len(found)}")
                self._cond.wait(left)

    def of_unlocked(self, method: str, **match: Any) -> list[Call]:
        calls = [c for c in self.calls if (c.method.startswith("hook:") if method == "hook" else c.method == method)]
        return [c for c in calls if all(c.args.get(k) == v for k, v in match.items())]

    def posts_per_thread(self) -> dict[tuple[str, str], int]:
        """How many chat.postMessage calls Slack carried out, per (channel, thread_ts)."""
        counts: dict[tuple[str, str], int] = {}
        for c in self.of("chat.postMessage"):
            key = (c.args.get("channel"), c.args.get("thread_ts"))
            counts[key] = counts.get(key, 0) + 1
        return counts

    def hook_url(self) -> str:
        return f"{self.url}/hooks/{next(_hooks)}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
