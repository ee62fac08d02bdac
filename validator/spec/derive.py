"""Derive JSON Schema 2020-12 files from the OpenAPI 3.0 documents.

``openapi/*.yaml`` is the one source of truth; ``schemas/<api>/<name>.schema.json``
is generated from it (``samplecheck schemas build``) and committed. A test fails
when the committed files differ from what the documents generate.

The conversion:

- ``nullable: true`` becomes a type union (``["string", "null"]``, ``null`` added
  to an ``enum``) or, around a reference or a composition, ``anyOf [..., null]``;
- ``example`` becomes ``examples``; OpenAPI data-type formats (``int32``...) and
  OpenAPI-only keywords (``discriminator``, ``xml``, ``externalDocs``) are dropped;
  ``readOnly`` and ``x-*`` annotations are kept;
- a component that is itself a named schema is referenced by its file
  (``"$ref": "sample.schema.json"``, resolved against ``$id``); any other
  component is copied into ``$defs`` of the file that uses it;
- a list of query parameters becomes an object schema with one property each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.errors import InputError

BASE_URI = "https://samplecheck.invalid/schemas/"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Target:
    """A named schema: which document, and where in it."""

    name: str
    document: str
    pointer: str
    parameters: bool = False  # the pointer names an operation whose query parameters form the schema


def _op(path: str, method: str) -> str:
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method


TARGETS: tuple[Target, ...] = (
    Target("onecodex/sample", "onecodex-v1.yaml", "#/components/schemas/samples"),
    Target("onecodex/metadata", "onecodex-v1.yaml", "#/components/schemas/metadata"),
    Target("onecodex/sample-list", "onecodex-v1.yaml", "#/components/schemas/sample_list"),
    Target("onecodex/metadata-list", "onecodex-v1.yaml", "#/components/schemas/metadata_list"),
    Target("onecodex/sample-patch", "onecodex-v1.yaml", "#/components/schemas/sample_patch"),
    Target("onecodex/list-query", "onecodex-v1.yaml", _op("/api/v1/samples", "get"), parameters=True),
    Target("sample-platform/media-sample", "sample-platform-v1.yaml", "#/components/schemas/MediaSample"),
    Target("sample-platform/page", "sample-platform-v1.yaml", "#/components/schemas/Page"),
    Target("sample-platform/error", "sample-platform-v1.yaml", "#/components/schemas/Error"),
    Target("sample-platform/list-query", "sample-platform-v1.yaml", _op("/api/v1/samples", "get"),
           parameters=True),
)

_DROPPED = {"nullable", "example", "discriminator", "xml", "externalDocs", "deprecated"}
_OPENAPI_FORMATS = {"int32", "int64", "float", "double", "byte", "binary", "password"}
_ANNOTATIONS = ("title", "description", "readOnly", "writeOnly", "default", "examples")


def resolve_pointer(doc: Any, pointer: str) -> Any:
    """The node a ``#/a/b`` JSON pointer names in ``doc``."""
    node = doc
    for part in pointer.lstrip("#").strip("/").split("/"):
        if part == "":
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def load_document(path: Path) -> dict[str, Any]:
    import yaml  # only when an OpenAPI document is read

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the OpenAPI document ({exc})") from exc


class _Converter:
    """Converts one target of one document, collecting the ``$defs`` it needs."""

    def __init__(self, doc: dict[str, Any], target: Target, named: dict[str, str]):
        self.doc = doc
        self.target = target
        self.named = named  # component pointer -> schema name, within this document
        self.defs: dict[str, Any] = {}

    def ref(self, pointer: str) -> dict[str, Any]:
        name = self.named.get(pointer)
        if name is not None and name != self.target.name:
            own_dir = self.target.name.rsplit("/", 1)[0]
            other_dir, base = name.rsplit("/", 1)
            prefix = "" if own_dir == other_dir else f"../{other_dir}/"
            return {"$ref": f"{prefix}{base}.schema.json"}
        if name == self.target.name:
            return {"$ref": "#"}
        key = pointer.rsplit("/", 1)[-1]
        if key not in self.defs:
            self.defs[key] = {}  # placeholder against cycles
            self.defs[key] = self.convert(resolve_pointer(self.doc, pointer))
        return {"$ref": f"#/$defs/{key}"}

    def convert(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.convert(v) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node and isinstance(node["$ref"], str) and node["$ref"].startswith("#/"):
            return self.ref(node["$ref"])
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED:
                continue
            if key == "format" and value in _OPENAPI_FORMATS:
                continue
            if key in ("properties", "patternProperties", "$defs"):
                out[key] = {k: self.convert(v) for k, v in value.items()}
            elif key in ("x-aliases", "x-column-aliases", "enum", "required", "default"):
                out[key] = value
            else:
                out[key] = self.convert(value)
        if "example" in node:
            out["examples"] = [node["example"]]
        # allOf with a single member is how OpenAPI 3.0 puts annotations beside a $ref.
        if list(out.get("allOf", [])) and len(out["allOf"]) == 1 and "$ref" in out["allOf"][0]:
            out = {**out.pop("allOf")[0], **out}
        if node.get("nullable"):
            out = _nullable(out)
        return out

    def parameters(self, operation: dict[str, Any]) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required: list[str] = []
        for param in operation.get("parameters", []):
            if "$ref" in param:
                param = resolve_pointer(self.doc, param["$ref"])
            if param.get("in") != "query":
                continue
            schema = self.convert(param["schema"])
            if param.get("description"):
                schema = {"description": param["description"], **schema}
            props[param["name"]] = schema
            if param.get("required"):
                required.append(param["name"])
        out: dict[str, Any] = {"type": "object", "properties": props}
        if required:
            out["required"] = required
        return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "type" in schema and not any(k in schema for k in ("$ref", "anyOf", "oneOf", "allOf")):
        out = dict(schema)
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"] if "null" not in types else types
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    if "anyOf" in schema and "$ref" not in schema:
        out = dict(schema)
        out["anyOf"] = [*out["anyOf"], {"type": "null"}]
        return out
    outer = {k: schema[k] for k in schema if k in _ANNOTATIONS or k.startswith("x-")}
    inner = {k: v for k, v in schema.items() if k not in outer}
    return {**outer, "anyOf": [inner, {"type": "null"}]}


def build(openapi_dir: Path) -> dict[str, dict[str, Any]]:
    """Every named schema, generated from the documents in ``openapi_dir``."""
    docs: dict[str, dict[str, Any]] = {}
    for target in TARGETS:
        if target.document not in docs:
            docs[target.document] = load_document(openapi_dir / target.document)
    out: dict[str, dict[str, Any]] = {}
    for target in TARGETS:
        doc = docs[target.document]
        named = {t.pointer: t.name for t in TARGETS
                 if t.document == target.document and not t.parameters}
        conv = _Converter(doc, target, named)
        node = resolve_pointer(doc, target.pointer)
        body = conv.parameters(node) if target.parameters else conv.convert(node)
        schema: dict[str, Any] = {
            "$schema": DIALECT,
            "$id": f"{BASE_URI}{target.name}.schema.json",
            "title": target.name,
            "x-source": f"openapi/{target.document}{target.pointer}",
            "x-spec-version": f"{doc['info']['title']} {doc['info']['version']}",
        }
        schema.update(body)
        if conv.defs:
            schema["$defs"] = dict(sorted(conv.defs.items()))
        out[target.name] = schema
    return out


def render(schema: dict[str, Any]) -> str:
    """The committed text of one schema file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path(schemas_dir: Path, name: str) -> Path:
    return schemas_dir / f"{name}.schema.json"


def write(openapi_dir: Path, schemas_dir: Path) -> list[Path]:
    """Regenerate every schema file; returns the paths written."""
    written = []
    for name, schema in build(openapi_dir).items():
        path = schema_path(schemas_dir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def drift(openapi_dir: Path, schemas_dir: Path) -> list[str]:
    """Names whose committed file differs from what the documents generate."""
    stale = []
    for name, schema in build(openapi_dir).items():
        path = schema_path(schemas_dir, name)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(schema):
            stale.append(name)
    return stale
