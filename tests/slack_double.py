"""A local double of Slack's Web API (and response_url hooks, and file upload URLs) on 127.0.0.1, recording every call.

Also: request signing, payload builders, and a harness that serves the real
bot over HTTP on a loopback port. Used by the Slack tests and the benchmark.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

ROOT_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent
BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0COUNCIL"
APP_ID = "A0ASSIST"
SECRET = "test-signing-secret-3f9c"

_counter = itertools.count(1)


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

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                path = urllib.parse.urlparse(self.path).path
                if path.startswith("/upload/"):  # a file's bytes, posted to the URL files.getUploadURLExternal gave
                    if not double._upload(path[len("/upload/"):], data, dict(self.headers)):
                        self.send_response(404)
                        self.end_headers()
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"OK")
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
                  times: int = 1) -> None:
        """The next ``times`` calls of ``method`` fail: 429 with Retry-After, ``{"ok": false}`` with 200, or
        (status 0) the connection is dropped without a response."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self._lock:
            self._script.setdefault(method, []).extend(
                _Scripted(status, {"ok": False, "error": error}, headers) for _ in range(times))

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
            queue = self._script.get(method)
            scripted = queue.pop(0) if queue else None
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
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"), "size": len(self.uploads.get(
                f["id"], b""))} for f in files]}
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
        return f"{self.url}/hooks/{next(_counter)}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- signed requests ------------------------------------------------------------
def sign(body: str, *, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def post(url: str, body: str, *, content_type: str, headers: dict[str, str] | None = None,
         timeout: float = 10.0) -> tuple[int, str, float]:
    """POST ``body``; returns (status, response text, seconds taken)."""
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), time.perf_counter() - started


def new_ts() -> str:
    return f"{int(time.time())}.{next(_counter):06d}"


def event_envelope(event: dict, *, event_id: str | None = None) -> dict:
    return {
        "token": "legacy", "team_id": TEAM, "api_app_id": APP_ID, "type": "event_callback",
        "event_id": event_id or f"Ev{next(_counter):010d}", "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "enterprise_id": None}],
    }


def mention(text: str, *, channel: str = "C0GENERAL", user: str = "U0WORKER1", ts: str | None = None,
            thread_ts: str | None = None) -> dict:
    ts = ts or new_ts()
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "team": TEAM}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, *, channel: str = "D0WORKER1", user: str = "U0WORKER1", channel_type: str = "im",
            ts: str | None = None, thread_ts: str | None = None, **extra: Any) -> dict:
    ts = ts or new_ts()
    event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
             "channel_type": channel_type, "event_ts": ts, "team": TEAM, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


class Bot:
    """Send signed Events API, slash-command and interactivity requests to a bot served at ``url``."""

    def __init__(self, url: str, double: SlackDouble, *, secret: str = SECRET) -> None:
        self.url = url.rstrip("/")
        self.events_url = self.url + "/slack/events"
        self.double = double
        self.secret = secret

    def send_event(self, event: dict, *, event_id: str | None = None, headers: dict | None = None,
                   timestamp: int | None = None) -> tuple[int, str, float]:
        body = json.dumps(event_envelope(event, event_id=event_id))
        return post(self.events_url, body, content_type="application/json",
                    headers={**sign(body, secret=self.secret, timestamp=timestamp), **(headers or {})})

    def command(self, command: str, text: str, *, user: str = "U0WORKER1", channel: str = "C0GENERAL",
                response_url: str | None = None) -> tuple[int, str, float, str]:
        """Returns (status, body, seconds, response_url)."""
        hook = response_url or self.double.hook_url()
        form = {"token": "legacy", "team_id": TEAM, "team_domain": "council", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": "worker", "command": command, "text": text,
                "api_app_id": APP_ID, "response_url": hook, "trigger_id": f"trig.{next(_counter)}"}
        body = urllib.parse.urlencode(form)
        status, text_, seconds = post(self.events_url, body, content_type="application/x-www-form-urlencoded",
                                      headers=sign(body, secret=self.secret))
        return status, text_, seconds, hook

    def click(self, action_id: str, value: str, *, user: str = "U0WORKER1", channel: str = "C0GENERAL",
              message_ts: str | None = None, ephemeral: bool = False) -> tuple[int, str, float, str]:
        hook = self.double.hook_url()
        payload = {
            "type": "block_actions", "user": {"id": user, "username": "worker", "team_id": TEAM},
            "api_app_id": APP_ID, "token": "legacy", "team": {"id": TEAM, "domain": "council"},
            "container": {"type": "message", "message_ts": message_ts or new_ts(), "channel_id": channel,
                          "is_ephemeral": ephemeral},
            "channel": {"id": channel, "name": "general"}, "trigger_id": f"trig.{next(_counter)}",
            "response_url": hook,
            "actions": [{"type": "button", "action_id": action_id, "block_id": "answer:x", "value": value,
                         "action_ts": new_ts()}],
        }
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        status, text_, seconds = post(self.events_url, body, content_type="application/x-www-form-urlencoded",
                                      headers=sign(body, secret=self.secret))
        return status, text_, seconds, hook


def wait_until(predicate: Callable[[], bool], *, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


class SocketModeDouble:
    """A minimal WebSocket server playing Slack's Socket Mode endpoint: says hello, pushes envelopes,
    answers pings, and records the acknowledgements the app sends back."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self) -> None:
        import socket

        self.acks: list[dict] = []
        self.connections: list[Any] = []
        self._cond = threading.Condition()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link/?ticket=test"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn) -> None:
        import base64

        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        with self._cond:
            self.connections.append(conn)
            self._cond.notify_all()
        self.send(conn, {"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID},
                         "debug_info": {"host": "double", "approximate_connection_time": 3600}})
        buffer = b""
        try:
            while True:
                frame, buffer = self._read_frame(conn, buffer)
                if frame is None:
                    return
                opcode, payload = frame
                if opcode == 0x9:  # ping -> pong
                    self._send_frame(conn, 0xA, payload)
                elif opcode == 0x1:
                    with self._cond:
                        self.acks.append(json.loads(payload.decode()))
                        self._cond.notify_all()
                elif opcode == 0x8:
                    return
        except OSError:
            return

    @staticmethod
    def _read_frame(conn, buffer: bytes):
        def need(n: int, buf: bytes) -> bytes:
            while len(buf) < n:
                chunk = conn.recv(4096)
                if not chunk:
                    raise OSError("closed")
                buf += chunk
            return buf

        try:
            buffer = need(2, buffer)
        except OSError:
            return None, b""
        opcode, length, offset = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
        masked = buffer[1] & 0x80
        if length == 126:
            buffer = need(4, buffer)
            length, offset = int.from_bytes(buffer[2:4], "big"), 4
        elif length == 127:
            buffer = need(10, buffer)
            length, offset = int.from_bytes(buffer[2:10], "big"), 10
        mask = b""
        if masked:
            buffer = need(offset + 4, buffer)
            mask, offset = buffer[offset:offset + 4], offset + 4
        buffer = need(offset + length, buffer)
        payload = buffer[offset:offset + length]
        if masked:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return (opcode, payload), buffer[offset + length:]

    @staticmethod
    def _send_frame(conn, opcode: int, payload: bytes) -> None:
        head = bytes([0x80 | opcode])
        if len(payload) < 126:
            head += bytes([len(payload)])
        elif len(payload) < 65536:
            head += bytes([126]) + len(payload).to_bytes(2, "big")
        else:
            head += bytes([127]) + len(payload).to_bytes(8, "big")
        conn.sendall(head + payload)

    def send(self, conn, message: dict) -> None:
        self._send_frame(conn, 0x1, json.dumps(message).encode())

    def push_event(self, event: dict, *, event_id: str, envelope_id: str, retry_attempt: int = 0) -> None:
        """Deliver an Events API envelope on the newest connection."""
        conn = self.wait_connected()
        self.send(conn, {"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
                         "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else "",
                         "payload": event_envelope(event, event_id=event_id)})

    def wait_connected(self, timeout: float = 10.0):
        with self._cond:
            if not self._cond.wait_for(lambda: self.connections, timeout):
                raise AssertionError("the app never opened a Socket Mode connection")
            return self.connections[-1]

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict:
        with self._cond:
            found = self._cond.wait_for(
                lambda: [a for a in self.acks if a.get("envelope_id") == envelope_id], timeout)
            if not found:
                raise AssertionError(f"no ack for envelope {envelope_id}")
            return found[0]

    def close(self) -> None:
        self._listener.close()
        for conn in self.connections:
            try:
                conn.close()
            except OSError:
                pass
