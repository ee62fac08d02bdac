"""The parts of a zip package (an XLSX workbook): read one, or copy all with a few rewritten.

:func:`copy_with` writes a new package in which every part is the same bytes, in
the same order, with the same names, dates and attributes, except the parts it is
given new content for. Parts that do not change are copied as they are stored
(their compressed bytes, without inflating and deflating them again); a rewritten
part is streamed: its new content is deflated chunk by chunk as it is produced, so
a part never has to be held whole. Deflating goes through ISA-L (the ``isal``
package) when it is installed, which is several times faster than zlib at a
similar size; zlib is used otherwise.

A package in the ZIP64 format (a part or the file past 4 GB), or one holding a
part stored some other way than "stored" or "deflated", is copied through
:mod:`zipfile` instead: slower, but the same content.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

try:  # ISA-L: inflates and deflates XML several times faster than zlib
    from isal import isal_zlib as _deflate_lib
except ImportError:  # pragma: no cover - isal is a dependency; zlib does the same work slower
    _deflate_lib = zlib  # type: ignore[assignment]

CHUNK = 1 << 18  # compressed bytes read at a time
_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"
_STORED, _DEFLATED = 0, 8
_LIMIT = 0xFFFFFFFF
_HEADROOM = 1 << 26  # a rewritten part may grow by this much and still need no ZIP64

#: new content for a part: given the old content (uncompressed chunks), the new content in chunks
Rewrite = Callable[[Iterator[bytes]], Iterable[bytes]]


class ZipFormatError(ValueError):
    """The package is not a zip this module copies byte for byte (ZIP64, another compression)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part as the central directory describes it, and where its record is in the file."""

    name: str
    method: int
    flags: int
    size: int
    compressed: int
    local: int  # offset of the local header
    central: bytes  # the central directory record, as stored

    @property
    def data_descriptor(self) -> bool:
        return bool(self.flags & 0x08)


def _parts(fh: BinaryIO) -> tuple[list[Part], bytes]:
    """Every part in central-directory order, and the end-of-directory record (with its comment)."""
    fh.seek(0, 2)
    end = fh.tell()
    tail_start = max(0, end - (1 << 16) - 22)
    fh.seek(tail_start)
    tail = fh.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise ZipFormatError("no end of central directory")
    eocd = tail[at:]
    _, _, _, _, count, size, offset, _ = struct.unpack("<4s4H2LH", eocd[:22])
    if count == 0xFFFF or offset == _LIMIT or size == _LIMIT or tail[:at].rfind(b"PK\x06\x07") >= 0:
        raise ZipFormatError("ZIP64 package")
    fh.seek(offset)
    directory = fh.read(size)
    parts, pos = [], 0
    for _ in range(count):
        if directory[pos:pos + 4] != _CENTRAL:
            raise ZipFormatError("bad central directory")
        flags, method, compressed, plain, name_len, extra_len, comment_len, local = _central_fields(
            directory, pos)
        record_end = pos + 46 + name_len + extra_len + comment_len
        raw_name = directory[pos + 46:pos + 46 + name_len]
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        if _LIMIT in (compressed, plain, local):
            raise ZipFormatError("ZIP64 part")
        if method not in (_STORED, _DEFLATED) or flags & 0x01:
            raise ZipFormatError(f"part {name!r} is compressed with method {method} or encrypted")
        parts.append(Part(name, method, flags, plain, compressed, local, directory[pos:record_end]))
        pos = record_end
    return parts, eocd


def _central_fields(directory: bytes, pos: int) -> tuple[int, ...]:
    flags, method = struct.unpack_from("<2H", directory, pos + 8)
    compressed, plain, name_len, extra_len, comment_len = struct.unpack_from("<2L3H", directory, pos + 20)
    (local,) = struct.unpack_from("<L", directory, pos + 42)
    return flags, method, compressed, plain, name_len, extra_len, comment_len, local


def _data_start(fh: BinaryIO, part: Part) -> int:
    fh.seek(part.local)
    head = fh.read(30)
    if head[:4] != _LOCAL:
        raise ZipFormatError(f"part {part.name!r}: no local header where the directory says")
    name_len, extra_len = struct.unpack_from("<2H", head, 26)
    return part.local + 30 + name_len + extra_len


def _record_end(fh: BinaryIO, part: Part, data_end: int) -> int:
    """Where the part's record ends: after its data, or after its data descriptor."""
    if not part.data_descriptor:
        return data_end
    fh.seek(data_end)
    head = fh.read(4)
    return data_end + (16 if head == _DESCRIPTOR else 12)


def _raw(fh: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    """``length`` stored bytes from ``start``, in blocks (each read seeks: readers may interleave)."""
    end = start + length
    while start < end:
        fh.seek(start)
        block = fh.read(min(CHUNK, end - start))
        if not block:
            raise ZipFormatError("the package ends inside a part")
        start += len(block)
        yield block


def _content(fh: BinaryIO, part: Part) -> Iterator[bytes]:
    """The part's uncompressed content, in chunks."""
    raw = _raw(fh, _data_start(fh, part), part.compressed)
    if part.method == _STORED:
        yield from raw
        return
    inflate = _deflate_lib.decompressobj(-15)
    for block in raw:
        if out := inflate.decompress(block):
            yield out
    if tail := inflate.flush():
        yield tail


class Package:
    """A zip package opened for reading its parts by name (the file stays open while in use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fh: BinaryIO = self.path.open("rb")
        try:
            self.parts, self._eocd = _parts(self._fh)
        except (ZipFormatError, struct.error):
            self.parts, self._eocd = [], b""
            self.fallback = zipfile.ZipFile(self._fh)  # ZIP64 or another compression: zipfile reads it
        else:
            self.fallback = None
        self._by_name = {p.name: p for p in self.parts}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.fallback is not None:
            self.fallback.close()
        self._fh.close()

    def names(self) -> list[str]:
        if self.fallback is not None:
            return self.fallback.namelist()
        return [p.name for p in self.parts]

    def __contains__(self, name: str) -> bool:
        return name in self.names()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The uncompressed content of part ``name``, in chunks (KeyError when there is none)."""
        if self.fallback is not None:
            with self.fallback.open(name) as fh:
                while block := fh.read(CHUNK * 8):
                    yield block
            return
        yield from _content(self._fh, self._by_name[name])

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def copy_with(self, out: BinaryIO, rewrites: dict[str, Rewrite]) -> None:
        """Write the package to ``out``: the parts named in ``rewrites`` rewritten, the rest as stored."""
        if self.fallback is not None or any(self._by_name[n].size > _LIMIT - _HEADROOM for n in rewrites):
            self._copy_through_zipfile(out, rewrites)
            return
        directory = []
        for part in self.parts:
            offset = out.tell()
            if part.name in rewrites:
                crc, compressed, size = self._write_rewritten(out, part, rewrites[part.name])
                directory.append(_central_record(part, offset, crc, compressed, size))
            else:
                start = part.local
                end = _record_end(self._fh, part, _data_start(self._fh, part) + part.compressed)
                for block in _raw(self._fh, start, end - start):
                    out.write(block)
                directory.append(part.central[:42] + struct.pack("<L", offset) + part.central[46:])
        start = out.tell()
        for record in directory:
            out.write(record)
        size = out.tell() - start
        out.write(self._eocd[:12] + struct.pack("<2L", size, start) + self._eocd[20:])

    def _write_rewritten(self, out: BinaryIO, part: Part, rewrite: Rewrite) -> tuple[int, int, int]:
        """A new local header and the new content, deflated; (crc, compressed size, size)."""
        self._fh.seek(part.local)
        old = self._fh.read(30)
        name = part.central[46:46 + struct.unpack_from("<H", part.central, 28)[0]]
        header_at = out.tell()
        flags = part.flags & ~0x0E  # sizes in the header, no descriptor; default deflate level
        out.write(_LOCAL + struct.pack("<2H", 20, flags) + struct.pack("<H", _DEFLATED) + old[10:14]
                  + struct.pack("<3L2H", 0, 0, 0, len(name), 0) + name)
        crc, size, compressed = 0, 0, 0
        deflate = _deflate_lib.compressobj(1, _deflate_lib.DEFLATED, -15)
        for block in rewrite(_content(self._fh, part)):
            crc = zlib.crc32(block, crc)
            size += len(block)
            packed = deflate.compress(block)
            compressed += len(packed)
            out.write(packed)
        packed = deflate.flush()
        compressed += len(packed)
        out.write(packed)
        if size > _LIMIT or compressed > _LIMIT:
            raise ZipFormatError(f"part {part.name!r} grew past 4 GB")
        end = out.tell()
        out.seek(header_at + 14)
        out.write(struct.pack("<3L", crc, compressed, size))
        out.seek(end)
        return crc, compressed, size

    def _copy_through_zipfile(self, out: BinaryIO, rewrites: dict[str, Rewrite]) -> None:
        source = self.fallback or zipfile.ZipFile(self._fh)
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                with source.open(info) as fin, target.open(info, "w", force_zip64=True) as fout:
                    old = iter(lambda f=fin: f.read(CHUNK * 8), b"")
                    for block in rewrites[info.filename](old) if info.filename in rewrites else old:
                        fout.write(block)


def _central_record(part: Part, offset: int, crc: int, compressed: int, size: int) -> bytes:
    record = bytearray(part.central)
    struct.pack_into("<2H", record, 8, part.flags & ~0x0E, _DEFLATED)
    struct.pack_into("<3L", record, 16, crc, compressed, size)
    struct.pack_into("<L", record, 42, offset)
    return bytes(record)
