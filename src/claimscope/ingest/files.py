"""Reading input files safely: the size limit, unreadable files, binary content, UTF-8."""

from __future__ import annotations

from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig

BINARY_PROBE = 8192


def size_text(n_bytes: int) -> str:
    """A byte count for people, in decimal megabytes: "52.4 MB"."""
    return f"{n_bytes / 1_000_000:.1f} MB"


def check_size(path: Path, config: ReadConfig) -> InputError | None:
    """An InputError if the file cannot be looked at or is over the size limit, else None."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return InputError(str(path), f"cannot read file: {exc.strerror or exc}")
    if size > config.max_bytes:
        return too_big(path, size, config)
    return None


def too_big(path: Path, size: int, config: ReadConfig) -> InputError:
    """The error for a file over the size limit."""
    return InputError(
        str(path), f"file is {size_text(size)}, over the limit of {size_text(config.max_bytes)}"
    )


def read_bytes(path: Path, config: ReadConfig) -> bytes | InputError:
    """The file's bytes, or an InputError if it is unreadable or over the size limit.

    The size is checked before reading, and the read stops past the limit should the file grow.
    """
    error = check_size(path, config)
    if error is not None:
        return error
    try:
        with path.open("rb") as stream:
            data = stream.read(config.max_bytes + 1)
    except OSError as exc:
        return InputError(str(path), f"cannot read file: {exc.strerror or exc}")
    if len(data) > config.max_bytes:
        return too_big(path, len(data), config)
    return data


def is_binary(data: bytes) -> bool:
    """Whether the data looks binary: a NUL byte in its first 8 KB."""
    return b"\x00" in data[:BINARY_PROBE]


def decode_utf8(data: bytes) -> str:
    """UTF-8 text without a leading byte order mark.

    Raises ``ValueError`` with a message naming the first bad byte and its offset.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start]
        raise ValueError(f"not valid UTF-8 (byte 0x{bad:02X} at offset {exc.start})") from None
    return text.removeprefix("\ufeff")
