"""Operations, responses and headers as the OpenAPI documents state them.

The documents in ``openapi/`` say which paths and methods exist, which status
codes an operation answers with, which schema a response body follows and which
headers it carries. Nothing here restates them: every answer is read from the
documents (and a schema component's name from :data:`validator.derive.TARGETS`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from validator.errors import DetectError, InputError
from validator.spec import derive, schemas
from validator.spec.pointers import escape


@functools.cache
def documents() -> dict[str, dict[str, Any]]:
    """API name (``onecodex``, ``sample-platform``) -> its OpenAPI document."""
    out: dict[str, dict[str, Any]] = {}
    for target in derive.TARGETS:
        api = target.name.split("/", 1)[0]
        if api not in out:
            out[api] = derive.load_document(schemas.openapi_dir() / target.document)
    return out


def apis() -> list[str]:
    return list(documents())


def deref(api: str, node: Any) -> Any:
    """Follow local ``$ref``s (``#/components/...``) in the document of ``api``."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 16:
        node = derive.resolve_pointer(documents()[api], node["$ref"])
        seen += 1
    return node


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    body = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"(?:^|.*?)({body})/?$")  # a base path (a proxy prefix) may precede it


@dataclass(frozen=True)
class Operation:
    """One path and method of one API."""

    api: str
    template: str
    method: str
    spec: dict[str, Any]

    def response(self, status: int) -> tuple[dict[str, Any] | None, bool]:
        """The response object for ``status`` and whether the spec lists that status itself."""
        responses = self.spec.get("responses", {})
        if str(status) in responses:
            return deref(self.api, responses[str(status)]), True
        family = f"{str(status)[0]}XX"
        if family in responses:
            return deref(self.api, responses[family]), True
        if "default" in responses:
            return deref(self.api, responses["default"]), True
        return None, False

    def statuses(self) -> list[str]:
        return list(self.spec.get("responses", {}))

    def body_schema(self, status: int) -> str | None:
        """The schema name a response body with ``status`` follows, if the spec gives one."""
        response, _ = self.response(status)
        return schema_name(self.api, response)

    def headers(self, status: int) -> dict[str, dict[str, Any]]:
        """Header name -> header object (its ``schema`` resolved) for the response to ``status``."""
        response, _ = self.response(status)
        out = {}
        for name, header in ((response or {}).get("headers") or {}).items():
            header = deref(self.api, header)
            out[name] = {**header, "schema": deref(self.api, header.get("schema", {}))}
        return out

    def item_schema(self) -> str | None:
        """For a list operation, the schema of one item of its 200 body."""
        return items_schema(self.body_schema(200))

    def query_schema(self) -> str | None:
        """The name of the schema generated from this operation's query parameters."""
        pointer = f"#/paths/{escape(self.template)}/{self.method}"
        mine = [t for t in derive.TARGETS if t.parameters and t.name.startswith(f"{self.api}/")]
        for target in mine:
            if target.pointer == pointer:
                return target.name
        names = {deref(self.api, p).get("name") for p in self.spec.get("parameters", [])
                 if deref(self.api, p).get("in") == "query"}
        for target in mine:  # another operation with the same query parameters
            if names and set(schemas.properties(target.name)) == names:
                return target.name
        return None

    def request_schema(self) -> str | None:
        """The schema name of this operation's JSON request body, if it has one."""
        return schema_name(self.api, deref(self.api, self.spec.get("requestBody")))


def items_schema(name: str | None) -> str | None:
    """The item schema of a list (``onecodex/sample-list``) or a page's ``data`` array."""
    if name is None:
        return None
    item = schemas.item_schema(name)
    if item:
        return item
    ref = schemas.properties(name).get("data", {}).get("items", {}).get("$ref", "")
    target = f"{name.split('/', 1)[0]}/{ref.removesuffix('.schema.json')}"
    return target if ref and target in schemas.names() else None


def schema_name(api: str, response: dict[str, Any] | None) -> str | None:
    """The generated schema's name for the JSON body of a response object."""
    content = (response or {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref")
    if not ref:
        return None
    for target in derive.TARGETS:
        if target.pointer == ref and target.name.startswith(f"{api}/") and not target.parameters:
            return target.name
    return None


def operations(api: str) -> list[Operation]:
    out = []
    for template, item in documents()[api].get("paths", {}).items():
        for method, spec in item.items():
            if isinstance(spec, dict) and "responses" in spec:
                out.append(Operation(api, template, method.lower(), spec))
    return out


def api_for_url(url: str) -> str | None:
    """The API whose ``servers`` list the URL's host, or None."""
    host = urlsplit(url).netloc.lower()
    for api, doc in documents().items():
        for server in doc.get("servers", []):
            if urlsplit(server.get("url", "")).netloc.lower() == host:
                return api
    return None


def matches(method: str, url: str, api: str) -> bool:
    """Whether API ``api`` has an operation for this method and URL's path."""
    path = urlsplit(url).path or "/"
    return any(op.method == method.lower() and _template_regex(op.template).match(path)
               for op in operations(api))


def find(method: str, url: str, api: str | None, hints: tuple[str, ...] = ()) -> Operation:
    """The operation for a method and URL; ``api`` names the API, else the host or ``hints`` tell.

    ``hints`` are API names in order of preference (from the query or the body).
    """
    if api is not None and api not in documents():
        raise InputError(f"unknown API {api!r}; known: {', '.join(apis())}")
    path = urlsplit(url).path or "/"
    matches = []
    for name in [api] if api else apis():
        for op in operations(name):
            if op.method == method.lower() and _template_regex(op.template).match(path):
                matches.append(op)
    if not matches:
        raise InputError(f"{method.upper()} {path} is not an operation of the "
                         f"{api or ' or '.join(apis())} OpenAPI document")
    if len(matches) == 1:
        return matches[0]
    for choice in (api_for_url(url), *hints):
        for op in matches:
            if op.api == choice:
                return op
    raise DetectError(f"{method.upper()} {path} exists in both {' and '.join(m.api for m in matches)}; "
                      "pass " + " or ".join(f"api={m.api!r}" for m in matches))
