"""A stdlib HTTP server on 127.0.0.1 that answers with recorded exchanges.

A recording (``tests/recordings/contract/*.json``) is ``{"exchanges": [...]}``, each
exchange ``{"request": {"method", "url"}, "response": {"status", "headers", "body"}}``
as it was seen on the wire (``body`` as JSON, or ``body_text`` for a body that is not).
A request is answered with the next recorded response for the same method, path and
query (in any order of parameters); the last one is repeated once they run out.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

RECORDINGS = Path(__file__).resolve().parent / "recordings" / "contract"


def _key(method: str, url: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    parts = urlsplit(url)
    return method.upper(), parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


class RecordedAPI:
    """Serves one recording on a free port of 127.0.0.1, in a thread (a context manager)."""

    def __init__(self, name: str) -> None:
        exchanges = json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))["exchanges"]
        answers: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for exchange in exchanges:
            answers[_key(exchange["request"]["method"], exchange["request"]["url"])].append(
                exchange["response"])
        self.requests: list[str] = []
        served = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                served.requests.append(self.path)
                queue = answers.get(_key("GET", self.path))
                if not queue:
                    self.send_error(599, "not in the recording")
                    return
                response = queue.pop(0) if len(queue) > 1 else queue[0]
                text = response.get("body_text")
                data = (text if text is not None else json.dumps(response["body"])).encode()
                self.send_response(response["status"])
                for name, value in response.get("headers", {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> RecordedAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
