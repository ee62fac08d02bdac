"""Recorded HTTP traffic: HAR 1.2 files and VCR.py / pytest-recording cassettes.

:func:`read` yields one :class:`Recorded` exchange per entry of a recording, in
the order it was recorded, and a :class:`Broken` for what could not be read (a
truncated file, an entry that is not an HTTP exchange). HAR files are parsed
incrementally (``ijson``), so memory follows the largest entry, not the file.
Bodies come out as the bytes the server sent after its content encoding was
undone: base64 HAR bodies are decoded and gzip or deflate bodies unpacked.

Secrets (credentials in headers, query parameters and cookies) are gathered per
entry in :attr:`Recorded.secrets`, so that whatever is reported can be scrubbed
of them; :func:`redact_url` gives the URL to show.
"""

from __future__ import annotations

import base64
import gzip
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HAR_SUFFIXES = (".har",)
CASSETTE_SUFFIXES = (".yaml", ".yml")
SUFFIXES = HAR_SUFFIXES + CASSETTE_SUFFIXES
MASK = "***"

_SECRET_NAME = re.compile(r"authori[sz]ation|cookie|api[-_]?key|token|secret|password|passwd|"
                          r"signature|sig$|session|credential|private", re.IGNORECASE)


@dataclass
class Recorded:
    """One recorded exchange: the request as sent and the response as received."""

    file: str
    number: int
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int
    response_headers: dict[str, str]
    response_body: bytes
    secrets: set[str] = field(default_factory=set)

    @property
    def where(self) -> str:
        """``file#3 GET https://host/path?query``, with secrets masked."""
        return f"{self.file}#{self.number} {self.method} {redact_url(self.url)}"


@dataclass
class Broken:
    """What could not be read: a whole file (``number`` None) or one entry."""

    file: str
    number: int | None
    reason: str


def read(path: str | Path) -> Iterator[Recorded | Broken]:
    """Every exchange of a HAR file or a cassette, by its suffix (or its first byte)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(64).lstrip()
    except OSError as exc:
        yield Broken(str(path), None, f"cannot read ({exc.strerror or exc})")
        return
    if not head:
        yield Broken(str(path), None, "empty file, not a recording")
    elif p.suffix.lower() in HAR_SUFFIXES or head.startswith((b"{", b"\xef\xbb\xbf{")):
        yield from _har(p)
    else:
        yield from _cassette(p)


# --- HAR 1.2 ---------------------------------------------------------------------------------

def _har(path: Path) -> Iterator[Recorded | Broken]:
    import ijson  # imported here: only replay reads HAR files

    name, number = str(path), 0
    try:
        with path.open("rb") as fh:
            for number, entry in enumerate(ijson.items(fh, "log.entries.item", use_float=True), 1):
                yield _har_entry(name, number, entry)
    except ijson.JSONError as exc:
        after = f" after entry {number}" if number else ""
        yield Broken(name, None, f"not a complete HAR file{after} ({_first_line(exc)})")
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield Broken(name, None, f"cannot read ({exc})")
        return
    if number == 0:
        yield Broken(name, None, "no HAR entries (log.entries is missing or empty)")


def _parts(name: str, number: int, entry: Any, what: str, url_key: str
           ) -> tuple[Mapping[str, Any], Mapping[str, Any], str, str, int] | Broken:
    """An entry's request, response, method, URL and status, or why it is not an HTTP exchange.

    HAR gives the status as ``response.status``, a cassette as ``response.status.code``.
    """
    if not isinstance(entry, Mapping):
        return Broken(name, number, f"the {what} is not an object")
    request, response = entry.get("request"), entry.get("response")
    if not isinstance(request, Mapping) or not isinstance(response, Mapping):
        return Broken(name, number, f"the {what} has no request and response")
    method, url = request.get("method"), request.get(url_key)
    if not isinstance(method, str) or not isinstance(url, str) or not url.startswith(("http:", "https:")):
        return Broken(name, number, f"not an HTTP request (method {method!r}, {url_key} {_cut(url)!r})")
    status = response.get("status")
    code = status.get("code") if isinstance(status, Mapping) else status
    if isinstance(code, bool) or not isinstance(code, int | float) or not 100 <= code <= 599:
        return Broken(name, number, f"no HTTP status (status {_cut(status)!r}); the request may have "
                                    "failed before a response came")
    return request, response, method, url, int(code)


def _har_entry(name: str, number: int, entry: Any) -> Recorded | Broken:
    parts = _parts(name, number, entry, "entry", "url")
    if isinstance(parts, Broken):
        return parts
    request, response, method, url, status = parts
    req_headers = _pairs(request.get("headers"))
    res_headers = _pairs(response.get("headers"))
    content = response.get("content") or {}
    text = content.get("text") if isinstance(content, Mapping) else None
    try:
        body = _har_text(text, content.get("encoding") if isinstance(content, Mapping) else None)
        body = _decoded(body, res_headers)
    except ValueError as exc:
        return Broken(name, number, f"the response body cannot be decoded ({exc})")
    post = request.get("postData")
    text_sent = post.get("text") if isinstance(post, Mapping) else None
    req_body = text_sent.encode("utf-8") if isinstance(text_sent, str) and text_sent else None
    secrets = _secrets(url, req_headers, res_headers)
    for cookie in (request.get("cookies") or []) + (response.get("cookies") or []):
        if isinstance(cookie, Mapping) and cookie.get("value"):
            secrets.add(str(cookie["value"]))
    return Recorded(name, number, method.upper(), url, req_headers, req_body, int(status),
                    res_headers, body, secrets)


def _har_text(text: Any, encoding: Any) -> bytes:
    if text is None:
        return b""
    if not isinstance(text, str):
        raise ValueError("content.text is not a string")
    if encoding == "base64":
        try:
            return base64.b64decode(text, validate=False)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"bad base64: {exc}") from None
    return text.encode("utf-8", errors="surrogatepass")


# --- VCR.py cassettes (YAML) ------------------------------------------------------------------

def _cassette(path: Path) -> Iterator[Recorded | Broken]:
    import yaml  # PyYAML: a dependency of the spec loader already

    name = str(path)
    try:
        with path.open("rb") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        yield Broken(name, None, f"not a YAML cassette ({_first_line(exc)})")
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield Broken(name, None, f"cannot read ({exc})")
        return
    interactions = data.get("interactions") if isinstance(data, Mapping) else None
    if not isinstance(interactions, list) or not interactions:
        yield Broken(name, None, "not a cassette: no 'interactions' list (VCR.py and "
                                 "pytest-recording write one)")
        return
    for number, item in enumerate(interactions, 1):
        yield _interaction(name, number, item)


def _interaction(name: str, number: int, item: Any) -> Recorded | Broken:
    parts = _parts(name, number, item, "interaction", "uri")
    if isinstance(parts, Broken):
        return parts
    request, response, method, url, code = parts
    req_headers, res_headers = _multi(request.get("headers")), _multi(response.get("headers"))
    body = response.get("body")
    raw = body.get("string") if isinstance(body, Mapping) else body
    try:
        content = _decoded(_as_bytes(raw), res_headers)
    except ValueError as exc:
        return Broken(name, number, f"the response body cannot be decoded ({exc})")
    req_raw = request.get("body")
    req_body = _as_bytes(req_raw.get("string") if isinstance(req_raw, Mapping) else req_raw) or None
    return Recorded(name, number, method.upper(), url, req_headers, req_body, code, res_headers,
                    content, _secrets(url, req_headers, res_headers))


def _as_bytes(raw: Any) -> bytes:
    if raw is None:
        return b""
    if isinstance(raw, bytes | bytearray):
        return bytes(raw)
    return str(raw).encode("utf-8", errors="surrogatepass")


# --- shared ----------------------------------------------------------------------------------

def _pairs(raw: Any) -> dict[str, str]:
    """HAR headers: a list of {name, value}; repeated names are joined as HTTP joins them."""
    out: dict[str, str] = {}
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            key, value = item["name"].lower(), str(item.get("value", ""))
            out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _multi(raw: Any) -> dict[str, str]:
    """VCR headers: a mapping of name -> list of values (or one value)."""
    out: dict[str, str] = {}
    for key, value in (raw.items() if isinstance(raw, Mapping) else []):
        values = value if isinstance(value, list) else [value]
        out[str(key).lower()] = ", ".join(str(v) for v in values)
    return out


def _decoded(body: bytes, headers: dict[str, str]) -> bytes:
    """The body with its Content-Encoding undone (gzip, deflate); as it is when not encoded."""
    encoding = headers.get("content-encoding", "").strip().lower()
    if not body or encoding in ("", "identity"):
        return _maybe_gzip(body)
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(body)
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)
    except (OSError, EOFError, zlib.error) as exc:
        # a recorder may store the body already decoded while keeping the header
        if body.lstrip()[:1] in (b"{", b"["):
            return body
        raise ValueError(f"{encoding}: {exc}") from None
    return body


def _maybe_gzip(body: bytes) -> bytes:
    """Some recorders drop the header but keep the gzip bytes."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            return body
    return body


def _secrets(url: str, *header_sets: dict[str, str]) -> set[str]:
    out: set[str] = set()
    for headers in header_sets:
        for key, value in headers.items():
            if _SECRET_NAME.search(key) and value:
                out.add(value)
                out.update(part for part in re.split(r"[\s,;=]+", value) if len(part) >= 6)
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if _SECRET_NAME.search(key) and value:
            out.add(value)
    if parts.password:
        out.add(parts.password)
    return out


def redact_url(url: str) -> str:
    """The URL with credentials and secret-named query values masked."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1] if "@" in parts.netloc else parts.netloc
    if "@" in parts.netloc:
        netloc = f"{MASK}@{netloc}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(_SECRET_NAME.search(k) for k, _ in query):
        masked = urlencode([(k, MASK if _SECRET_NAME.search(k) else v) for k, v in query], safe="*")
        return urlunsplit((parts.scheme, netloc, parts.path, masked, ""))
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def scrub(text: str, secrets: set[str]) -> str:
    """``text`` with every secret replaced by the mask (longest first)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, MASK)
    return text


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _cut(value: Any, limit: int = 60) -> Any:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
