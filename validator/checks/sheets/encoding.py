"""Which text encoding a sheet that is not UTF-8 was written in, line by line when it mixes two.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read without a word. Any
other file is one of the legacy single-byte encodings lab computers export:
Windows' cp1252, Mac Roman (old Excel for Mac) or cp850 ("MS-DOS" CSV); which
one is decided by charset-normalizer among those three, not by trying UTF-8 and
then cp1252. A file whose lines are partly UTF-8 and partly legacy (rows
appended from another export) is read line by line, each line in its own
encoding, so the text checked is the text the lab wrote; the lines not in the
file's main encoding are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEGACY = ("cp1252", "mac_roman", "cp850")
_NAMES = {"cp1252": "cp1252", "windows-1252": "cp1252", "mac_roman": "mac_roman",
          "macroman": "mac_roman", "cp850": "cp850", "ibm850": "cp850"}
_SAMPLE = 256 * 1024


@dataclass
class Decoded:
    """The text, its main encoding, and the line numbers (1-based) read in another encoding."""

    text: str
    encoding: str
    foreign_lines: list[int] = field(default_factory=list)
    foreign_encoding: str | None = None


def legacy_encoding(data: bytes) -> str:
    """The legacy encoding (cp1252, mac_roman or cp850) that reads ``data`` best."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=list(LEGACY)).best()
    name = (best.encoding if best is not None else "cp1252").lower().replace("-", "_")
    return _NAMES.get(name, _NAMES.get(name.replace("_", ""), "cp1252"))


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_legacy(data: bytes) -> Decoded:
    """Text that is not all UTF-8: one legacy encoding, or UTF-8 and legacy lines mixed."""
    lines = data.split(b"\n")
    wide = [i for i, line in enumerate(lines) if not line.isascii()]
    utf8 = [i for i in wide if _utf8(lines[i])]
    legacy = sorted(set(wide) - set(utf8))
    encoding = legacy_encoding(b"\n".join(lines[i] for i in legacy))
    if not utf8:
        return Decoded(data.decode(encoding), encoding)
    main_utf8 = len(utf8) >= len(legacy)
    foreign = set(legacy if main_utf8 else utf8)
    text = "\n".join(line.decode(("utf-8" if not main_utf8 else encoding) if i in foreign
                                 else ("utf-8" if main_utf8 else encoding))
                     for i, line in enumerate(lines))
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, "utf-8" if main_utf8 else encoding, sorted(i + 1 for i in foreign),
                   encoding if main_utf8 else "utf-8")
