"""One cache of market answers for every user: fresh values served, stale ones refreshed behind."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from marketdata.exchanges import failure_reason

log = logging.getLogger(__name__)

Key = tuple[Hashable, ...]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Answer:
    """What a loader found, at which venue, and which venues failed before it."""

    value: Any
    venue: str
    skipped: tuple[str, ...] = ()


class Unanswered(Exception):
    """No venue gave an answer; the reasons say why each failed."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Fetched:
    value: Any
    venue: str
    fetched_at: datetime
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Missing:
    """Nothing usable: every venue failed, or none answered before the reply had to go."""

    reasons: tuple[str, ...]
    at: datetime


@dataclass(frozen=True)
class Lifetime:
    """Serve as fresh for `fresh`; serve while refreshing until `usable`; then wait for new data."""

    fresh: timedelta
    usable: timedelta


Loader = Callable[[], Answer]
Request = tuple[Lifetime, Loader]


class MarketCache:
    """Keyed answers with lifetimes; loads run on a small thread pool, never twice at once."""

    def __init__(
        self,
        *,
        now: Callable[[], datetime] = utc_now,
        workers: int = 16,
        retry_after: timedelta = timedelta(seconds=30),
    ) -> None:
        self._now = now
        self._retry_after = retry_after
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="marketdata")
        self._fetched: dict[Key, Fetched] = {}
        self._failed: dict[Key, Missing] = {}  # the latest failure since the latest success
        self._loading: dict[Key, Future[None]] = {}
        self._overdue: set[Key] = set()  # still loading after a reply stopped waiting for it
        self._lock = threading.Lock()

    def lookup(
        self, requests: Mapping[Key, Request], wait_seconds: float
    ) -> dict[Key, Fetched | Missing]:
        """Each key's best answer; what has nothing usable loads at once and is waited for once."""
        found: dict[Key, Fetched | Missing] = {}
        pending: dict[Key, Future[None]] = {}
        now = self._now()
        for key, (lifetime, loader) in requests.items():
            usable = self._usable(key, lifetime, now)
            failed = self._failed.get(key)
            retry_due = failed is None or now - failed.at >= self._retry_after
            if usable is not None:
                found[key] = usable
                if now - usable.fetched_at >= lifetime.fresh and retry_due:
                    self._load(key, loader)
            elif failed is not None:
                found[key] = failed  # known to fail: answer now, retry behind the reply
                if retry_due:
                    self._load(key, loader)
            elif key in self._overdue:  # one reply already waited for this load: none waits again
                found[key] = Missing((f"no answer within {wait_seconds:g} s",), now)
            else:
                pending[key] = self._load(key, loader)
        if pending:
            wait(pending.values(), timeout=wait_seconds)
        for key in pending:
            usable = self._usable(key, requests[key][0], self._now())
            late = Missing((f"no answer within {wait_seconds:g} s",), self._now())
            found[key] = usable or self._failed.get(key) or late
            with self._lock:  # _settle pops _loading under this lock: no stale mark survives
                if key in self._loading:
                    self._overdue.add(key)
        return found

    def refresh(self, requests: Mapping[Key, Request]) -> list[Future[None]]:
        """Load every key that is not fresh, in the background."""
        now = self._now()
        futures = []
        for key, (lifetime, loader) in requests.items():
            fetched = self._fetched.get(key)
            if fetched is None or now - fetched.fetched_at >= lifetime.fresh:
                futures.append(self._load(key, loader))
        return futures

    def wait_for_loads(self, timeout: float) -> None:
        """Block until the loads running now have ended (the CLI's refresh, tests)."""
        with self._lock:
            running = list(self._loading.values())
        wait(running, timeout=timeout)

    def entries(self) -> dict[Key, Fetched | Missing]:
        """Everything known: the latest value of each key, or why it has none."""
        return {**self._failed, **self._fetched}

    def close(self) -> None:
        """Stop taking work; a call already on the wire ends by its own time-out."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _usable(self, key: Key, lifetime: Lifetime, now: datetime) -> Fetched | None:
        fetched = self._fetched.get(key)
        if fetched is not None and now - fetched.fetched_at < lifetime.usable:
            return fetched
        return None

    def _load(self, key: Key, loader: Loader) -> Future[None]:
        with self._lock:
            running = self._loading.get(key)
            if running is not None:
                return running
            future = self._pool.submit(self._run, key, loader)
            self._loading[key] = future
            return future

    def _run(self, key: Key, loader: Loader) -> None:
        try:
            answer = loader()
        except Unanswered as error:
            self._settle(key, Missing(error.reasons, self._now()))
        except Exception as error:  # a loader bug must not kill the pool thread
            log.exception("market data load %s failed", key)
            self._settle(key, Missing((failure_reason(error),), self._now()))
        else:
            self._settle(key, Fetched(answer.value, answer.venue, self._now(), answer.skipped))

    def _settle(self, key: Key, entry: Fetched | Missing) -> None:
        with self._lock:
            if isinstance(entry, Fetched):
                self._fetched[key] = entry
                self._failed.pop(key, None)
            else:  # an older value stays: it is served until it stops being usable
                self._failed[key] = entry
            self._loading.pop(key, None)
            self._overdue.discard(key)
