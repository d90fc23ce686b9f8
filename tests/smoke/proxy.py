"""A stand-in for the TLS proxy in front of compose's `web` (production terminates TLS there).

Production settings redirect plain http to https unless the proxy says the request came over
TLS (`SECURE_PROXY_SSL_HEADER`, X-Forwarded-Proto in docker-compose.yml). The smoke test and the
load benchmark put this small forwarding proxy on a loopback port of its own in front of
gunicorn: it passes every request on with `X-Forwarded-Proto: https` and `X-Forwarded-For`, as
the real proxy does, but speaks plain http itself (loopback only), so the clients use http URLs.
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}


class _Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ProxyServer

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        headers["X-Forwarded-Proto"] = "https"
        headers["X-Forwarded-For"] = self.client_address[0]
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=120)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
        except OSError:
            self.send_error(502, "web does not answer")
            return
        finally:
            upstream.close()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass  # gunicorn logs every request already


class ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, listen_port: int, upstream_port: int) -> None:
        super().__init__(("127.0.0.1", listen_port), _Forward)
        self.upstream_port = upstream_port


def proxy_start(*, listen_port: int, upstream_port: int) -> ProxyServer:
    """Serve the stand-in proxy in a daemon thread; `shutdown()` stops it."""
    server = ProxyServer(listen_port, upstream_port)
    threading.Thread(target=server.serve_forever, name="tls-proxy", daemon=True).start()
    return server
