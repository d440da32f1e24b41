"""Password hashing with scrypt, the standard library's memory-hard key-derivation function.

New hashes use N=2^17, r=8, p=1 (OWASP's current advice; 128 MiB and about half a second
per hash). A hash stores its own parameters, so hashes made with the desk's former N=2^14
still verify; `needs_rehash` tells the sign-in to replace such a hash while it holds the
password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_SCHEME = "scrypt"
SCRYPT_N, _R, _P = 2**17, 8, 1
_KEY_LENGTH = 32
MIN_PASSWORD_LENGTH = 8
# scrypt needs 128·r·N bytes; OpenSSL refuses when its own estimate passes maxmem, and its
# estimate is a little above that, so allow twice. A stored hash asking for more than the
# desk's own cost is not one the desk made: refused, not computed (it could exhaust memory).
_MAX_COST = SCRYPT_N * _R * _P


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, SCRYPT_N, _R, _P)
    return "$".join([_SCHEME, str(SCRYPT_N), str(_R), str(_P), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != _SCHEME or int(n) * int(r) * int(p) > _MAX_COST:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)


def proof_of(password: str, setting: str) -> str | None:
    """The key `password` derives to under `setting` (`scrypt$N$r$p$salt`, a stored hash without
    its key), as the hash stores it: what a PostgreSQL database compares (revision 0017).
    None for a setting the desk would not compute (unknown scheme, cost above its own)."""
    try:
        scheme, n, r, p, salt = setting.split("$")
        if scheme != _SCHEME or int(n) * int(r) * int(p) > _MAX_COST:
            return None
        return _b64(_derive(password, base64.b64decode(salt), int(n), int(r), int(p)))
    except (ValueError, TypeError):
        return None


def needs_rehash(stored: str) -> bool:
    """Whether `stored` was made with other parameters than new hashes get (an older desk's)."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[:4] != [_SCHEME, str(SCRYPT_N), str(_R), str(_P)]


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=_KEY_LENGTH,
        maxmem=2 * 128 * r * n * p,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
