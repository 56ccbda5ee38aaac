"""A loopback HTTP server with one path per behaviour a link checker must judge.

Binds 127.0.0.1 on an ephemeral port, counts requests per path, and bounds every
wait (the slow path sleeps a fixed, short time). Used by tests/output/test_linkcheck_policy.py.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 4.0  # longer than the checker's timeout in the tests, still bounded

PAGE = "<!doctype html><html lang='en'><head><title>{title}</title></head><body><h1>{h1}</h1>{body}</body></html>"


class Handler(BaseHTTPRequestHandler):
    server_version = "fixture/1"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body="", headers=None):
        data = body.encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        server = self.server
        with server.lock:
            server.hits[path] += 1
            count = server.hits[path]
        ok = PAGE.format(title="Fixture page", h1="A page", body="<p id='ada'>Content</p>")
        routes = {
            "/ok": lambda: self._send(200, ok),
            "/moved": lambda: self._send(301, "", {"Location": "/ok"}),
            "/forbidden": lambda: self._send(403, PAGE.format(title="Forbidden", h1="403", body="")),
            "/missing": lambda: self._send(404, PAGE.format(title="Not Found", h1="404", body="")),
            "/gone": lambda: self._send(410, PAGE.format(title="Gone", h1="410", body="")),
            "/error": lambda: self._send(500, PAGE.format(title="Error", h1="500", body="")),
            "/loop-a": lambda: self._send(302, "", {"Location": "/loop-b"}),
            "/loop-b": lambda: self._send(302, "", {"Location": "/loop-a"}),
            "/soft-404": lambda: self._send(200, PAGE.format(title="Halaman tidak ditemukan", h1="Oops", body="")),
            "/to-home": lambda: self._send(302, "", {"Location": "/"}),
            "/": lambda: self._send(200, PAGE.format(title="Home", h1="Welcome", body="")),
        }
        if path == "/busy":
            if count == 1:
                return self._send(429, "slow down", {"Retry-After": "1"})
            return self._send(200, ok)
        if path == "/busy-long":
            return self._send(429, "slow down", {"Retry-After": "3600"})
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, ok)
        if path == "/flaky":
            return self._send(503 if count == 1 else 200, ok)
        route = routes.get(path)
        if route is None:
            return self._send(404, PAGE.format(title="Not Found", h1="404", body=""))
        return route()


class FixtureServer:
    """Start with ``with FixtureServer() as s:``; ``s.url('/ok')``, ``s.hits['/ok']``."""

    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.hits = Counter()
        self.httpd.lock = threading.Lock()
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def hits(self) -> Counter:
        return self.httpd.hits

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
