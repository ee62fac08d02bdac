"""A small stdlib HTTP server on 127.0.0.1: it replays recorded exchanges, or imitates both APIs,
well and badly.

Replay: ``FakeAPI([Exchange("GET", "/api/v1/samples?limit=2", 200, body, headers), ...])`` answers
each recorded request (method, path and query as sent) with its recorded response, in the order
recorded when a request was recorded more than once (the last answer then repeats); any other
request gets a 404 naming it. ``server.requests`` lists what was asked, in order.

Imitation (no recordings): The first path segment names the behaviour, the rest is the API path:
``/sp/api/v1/samples`` is a correct Sample Platform, ``/sp-broken/...`` breaks
the page arithmetic and ignores filters, ``/sp-repeat/...`` repeats an item on
every page, ``/sp-drift/...`` adds a field the spec lacks, ``/sp-429`` and
``/sp-429-bare`` rate-limit with and without headers; ``/oc/api/v1/samples``
and ``/oc/api/v1/metadata`` are a correct One Codex, ``/oc-broken/...``
ignores per_page and sort and sends wrong totals, links and back-references,
``/oc-500`` fails.
"""

from __future__ import annotations

import json
import math
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def media(i: int, ext: str, tags: list[str], tests: int, name: str) -> dict:
    sha = SHA[:-2] + f"{i:02d}"
    return {"sample_id": i, "sha": sha, "extension": ext, "original_name": name,
            "filename": f"{sha}.{ext}" if ext else sha, "tags": tags,
            "regression_test_count": tests, "active": tests > 0}


MEDIA = [
    media(1, "ts", ["broadcast", "dvb"], 3, "bbc_news.ts"),
    media(2, "mp4", ["web"], 0, "clip.mp4"),
    media(3, "ts", ["dvb"], 1, "arte_NEWS.ts"),
    media(4, "mkv", [], 0, "movie.mkv"),
    media(5, "ts", ["broadcast"], 2, "cnn.ts"),
]

IDS = ["a1b2c3d4e5f67890", "7428cca4nocaffe1", "0ee172af60e84f61"]
SAMPLES = [
    {"$uri": f"/api/v1/samples/{s}", "created_at": f"2025-09-2{n}T17:27:19.596555-07:00",
     "error_msg": None, "filename": f"plot-{n}_R1.fastq.gz", "metadata": {"$ref": f"/api/v1/metadata/m{s}"},
     "owner": {"$ref": "/api/v1/users/5c3b1f0e2d4a6b78"}, "primary_classification": None,
     "project": None, "size": 1000 * n, "status": "available", "tags": [],
     "updated_at": "2025-10-02T11:15:00Z", "visibility": "private"}
    for n, s in enumerate(IDS, start=1)
]
METADATA = [
    {"$uri": f"/api/v1/metadata/m{s}", "sample": {"$ref": f"/api/v1/samples/{s}"},
     "name": f"plot {n}", "platform": "Illumina MiSeq", "custom": {}}
    for n, s in enumerate(IDS, start=1)
]

RATE = {"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "119", "X-RateLimit-Reset": "1767225600"}

FILTERS = {
    "status": lambda m, v: m["active"] == (v == "active"),
    "tag": lambda m, v: v in m["tags"],
    "extension": lambda m, v: m["extension"].lower() == v.lower(),
    "sha256": lambda m, v: m["sha"].lower() == v.lower(),
    "name": lambda m, v: v.lower() in m["original_name"].lower(),
}


@dataclass(frozen=True)
class Exchange:
    """One recorded HTTP exchange: the request's method and path (with its query, as sent) and the
    response. A ``body`` of bytes or str is sent as it is; anything else as JSON."""

    method: str
    path: str
    status: int = 200
    body: object = None
    headers: Mapping[str, str] = field(default_factory=dict)


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: object, headers: Mapping[str, str] | None = None) -> None:
        headers = dict(headers or {})
        if isinstance(body, bytes | str):
            data = body.encode() if isinstance(body, str) else body
        else:
            data = json.dumps(body).encode()
            if not any(k.lower() == "content-type" for k in headers):
                headers["Content-Type"] = "application/json"
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def answer(self) -> None:
        """Every method: the recorded answer in a replay, else the imitation (GET only)."""
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append((self.command, self.path, self.rfile.read(length) if length else b""))
        if self.server.recorded is None:
            if self.command == "GET":
                self.imitate()
            else:
                self.send(405, {"status": 405, "message": f"{self.command} is not imitated"})
            return
        answers = self.server.recorded.get((self.command, self.path))
        if not answers:
            self.send(404, {"status": 404, "message": f"not recorded: {self.command} {self.path}"})
            return
        exchange = answers.popleft() if len(answers) > 1 else answers[0]
        self.send(exchange.status, exchange.body, exchange.headers)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer

    def imitate(self) -> None:
        url = urlsplit(self.path)
        mode, _, path = url.path.lstrip("/").partition("/")
        query = dict(parse_qsl(url.query))
        if mode.startswith("sp"):
            self.sample_platform(mode, query)
        elif mode == "oc-500":
            self.send(500, {"status": 500, "message": "Internal Server Error", "errors": []})
        else:
            self.onecodex(mode, "/" + path, query)

    def sample_platform(self, mode: str, q: dict[str, str]) -> None:
        if mode == "sp-429":
            self.send(429, {"code": "rate_limited", "message": "Rate limit exceeded. Retry after 30 seconds.",
                            "details": {"retry_after": 30, "limit": 120, "window": "60s"}},
                      {**RATE, "X-RateLimit-Remaining": "0", "Retry-After": "30"})
            return
        if mode == "sp-429-bare":
            self.send(429, {"code": "Rate Limited", "message": "slow down", "details": None})
            return
        limit, offset = int(q.get("limit", 50)), int(q.get("offset", 0))
        items = [m for m in MEDIA if all(FILTERS[k](m, v) for k, v in q.items() if k in FILTERS)]
        total = len(items)
        page = items[offset:offset + limit]
        if mode == "sp-repeat" and offset > 0 and page:
            page = [MEDIA[0], *page[1:]]
        pagination = {"limit": limit, "offset": offset, "total": total,
                      "next_offset": offset + limit if offset + limit < total else None}
        if mode == "sp-drift":  # a field the spec does not describe: API drift
            page = [{**m, "duration": 12} for m in page]
        if mode == "sp-broken":
            page = MEDIA
            pagination = {"limit": limit + 1, "offset": offset, "total": 1, "next_offset": offset + 1}
        self.send(200, {"data": page, "pagination": pagination, "meta": {}}, RATE)

    def onecodex(self, mode: str, path: str, q: dict[str, str]) -> None:
        records = SAMPLES if path == "/api/v1/samples" else METADATA
        broken = mode == "oc-broken"
        if broken and records is METADATA:  # the first two records name each other's samples
            records = [{**METADATA[0], "sample": METADATA[1]["sample"]},
                       {**METADATA[1], "sample": METADATA[0]["sample"]}, METADATA[2]]
        if "sort" in q:
            (field, desc), = json.loads(q["sort"]).items()
            records = sorted(records, key=lambda r: r[field], reverse=desc != broken)
        page, per_page = int(q.get("page", 1)), int(q.get("per_page", 50))
        total = len(records)
        last = max(1, math.ceil(total / per_page))
        body = records if broken else records[(page - 1) * per_page:page * per_page]
        base = f"http://{self.headers['Host']}/{mode}{path}"

        def link(n: int, rel: str) -> str:
            return f'<{base}?{urlencode({**q, "page": n})}>; rel="{rel}"'

        rels = [link(1, "first"), link(last, "last")]
        if page < last or broken:
            rels.append(link(page + 1, "next"))
        headers = {"X-Total-Count": str(total + 7 if broken else total), "Link": ", ".join(rels)}
        self.send(200, body, headers)


class Server(ThreadingHTTPServer):
    """The HTTP server, holding the recordings it replays and the requests it received."""

    def __init__(self, recorded: Iterable[Exchange] | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, bytes]] = []
        self.recorded: dict[tuple[str, str], deque[Exchange]] | None = None
        if recorded is not None:
            self.recorded = {}
            for exchange in recorded:
                key = (exchange.method.upper(), exchange.path)
                self.recorded.setdefault(key, deque()).append(exchange)


class FakeAPI:
    """Runs the server on a free port of 127.0.0.1 in a thread: a replay of ``recorded`` exchanges,
    or (without) the imitation of both APIs. Use as a context manager; ``url`` is its base URL."""

    def __init__(self, recorded: Iterable[Exchange] | None = None) -> None:
        self.server = Server(recorded)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def requests(self) -> list[tuple[str, str, bytes]]:
        """(method, path with query, body) of each request received, in order."""
        return self.server.requests

    def __enter__(self) -> FakeAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
