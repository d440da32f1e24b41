"""Hostile zips of an export: attachment members damaged the ways real and crafted zips are.

`hostile_zip` zips a generated export folder like `zip_export` does, then damages the chosen
attachment members in the archive's bytes:

- `BAD_CRC`: stored, one byte of its data flipped: reading it ends in "Bad CRC-32".
- `CORRUPT`: deflated, its compressed data overwritten: the stream does not inflate.
- `ENCRYPTED`: the encrypted flag set (local header and central directory).
- `DEFLATE64`: compression method 9, which `zipfile` cannot read.
- `BOMB`: its content replaced by `BOMB_BYTES` zeros, deflated about a thousand times.
- `OVERSIZED`: its size in the directory says `OVERSIZED_BYTES`, more than the desk stores
  (reading could never give more: `zipfile` stops at that size and checks the CRC).
"""

from __future__ import annotations

import enum
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path

BOMB_BYTES = 4 * 1024 * 1024
OVERSIZED_BYTES = 25 * 1024 * 1024 + 1
_LOCAL_HEADER = 30
_CENTRAL_HEADER = 46


class Damage(enum.StrEnum):
    BAD_CRC = "bad_crc"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    DEFLATE64 = "deflate64"
    BOMB = "bomb"
    OVERSIZED = "oversized"


def hostile_zip(
    folder: str | Path,
    zip_path: str | Path,
    damaged: Mapping[str, Damage],
    *,
    inner: str = "export",
) -> Path:
    """The export folder zipped inside `inner/`, with the members at the relative paths of
    `damaged` damaged as named."""
    source = Path(folder)
    destination = Path(zip_path)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            relative = path.relative_to(source).as_posix()
            damage = damaged.get(relative)
            data = bytes(BOMB_BYTES) if damage is Damage.BOMB else path.read_bytes()
            stored = damage in (Damage.BAD_CRC, Damage.ENCRYPTED, Damage.DEFLATE64)
            archive.writestr(
                f"{inner}/{relative}",
                data,
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
    missing = set(damaged) - {p.relative_to(source).as_posix() for p in source.rglob("*")}
    assert not missing, f"no such files to damage: {sorted(missing)}"
    raw = bytearray(destination.read_bytes())
    for member, central in _central_records(destination, raw):
        relative = member.removeprefix(f"{inner}/")
        if relative in damaged:
            _damage(raw, central, damaged[relative])
    destination.write_bytes(bytes(raw))
    return destination


def _central_records(path: Path, raw: bytearray) -> list[tuple[str, int]]:
    """(member name, offset of its central directory record) for every member."""
    with zipfile.ZipFile(path) as archive:
        offset = archive.start_dir
        count = len(archive.infolist())
    records = []
    for _ in range(count):
        assert raw[offset : offset + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw, offset + 28)
        name = bytes(raw[offset + _CENTRAL_HEADER : offset + _CENTRAL_HEADER + name_length])
        records.append((name.decode("utf-8"), offset))
        offset += _CENTRAL_HEADER + name_length + extra_length + comment_length
    return records


def _damage(raw: bytearray, central: int, damage: Damage) -> None:
    (local,) = struct.unpack_from("<I", raw, central + 42)
    (compressed_size,) = struct.unpack_from("<I", raw, central + 20)
    name_length, extra_length = struct.unpack_from("<HH", raw, local + 26)
    data = local + _LOCAL_HEADER + name_length + extra_length
    if damage is Damage.BAD_CRC:
        raw[data] ^= 0xFF
    elif damage is Damage.CORRUPT:
        # 0xFF opens a block of the reserved type 3: "invalid block type".
        raw[data : data + compressed_size] = b"\xff" * compressed_size
    elif damage is Damage.ENCRYPTED:
        for flags_at in (local + 6, central + 8):
            (flags,) = struct.unpack_from("<H", raw, flags_at)
            struct.pack_into("<H", raw, flags_at, flags | 0x1)
    elif damage is Damage.DEFLATE64:
        for method_at in (local + 8, central + 10):
            struct.pack_into("<H", raw, method_at, 9)
    elif damage is Damage.OVERSIZED:
        for size_at in (local + 22, central + 24):
            struct.pack_into("<I", raw, size_at, OVERSIZED_BYTES)
