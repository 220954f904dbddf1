"""Rate limits on public forms: counters in the cache, one fixed window per key.

A limit counts what was accepted (call `record` after the accepted action, `exceeded` before
it), so people whose submission was refused keep their chances. The cache is a helper: when it
is unreachable nothing is limited and nothing fails (DESIGN §3 "Runtime").
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
HOUR = 3600


def client_address(request):
    """The visitor's address. X-Forwarded-For is believed only behind TRUSTED_PROXIES proxies
    (each appends the address it saw, so the one the nearest trusted proxy saw is taken);
    without them anyone could name any address in it."""
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, identity):
    """Identities (addresses, emails) are hashed: the cache holds no personal data."""
    digest = hashlib.sha256(str(identity).strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def count(scope, identity):
    """How many times `identity` was recorded in `scope` in the current window."""
    try:
        return cache.get(_key(scope, identity), 0)
    except Exception:  # the cache is a helper, never a reason to fail
        logger.warning("rate limit %s not checked: cache unavailable", scope, exc_info=True)
        return 0


def exceeded(scope, identity, limit):
    """`identity` has used up its `limit` in `scope` (a limit of None or 0 means none)."""
    return bool(limit) and count(scope, identity) >= limit


def record(scope, identity, window=HOUR):
    """Count one accepted action of `identity` in `scope`; the window opens at the first."""
    key = _key(scope, identity)
    try:
        cache.add(key, 0, window)
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts
        cache.set(key, 1, window)
        return 1
    except Exception:
        logger.warning("rate limit %s not recorded: cache unavailable", scope, exc_info=True)
        return 0


def take(scope, identity, limit, window=HOUR):
    """Record one action of `identity` if `limit` allows it; False when it is used up."""
    if exceeded(scope, identity, limit):
        return False
    record(scope, identity, window)
    return True
