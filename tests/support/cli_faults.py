"""`hezo-desk ticket reply` commands sent while a helper kills their server connections.

The issue's fault run: replies sent as separate processes (as scripts send them) while every
250 ms the server terminates the command line's sessions (`pg_terminate_backend` on the
sessions named `hezo-desk-cli` in that database). `check` then proves that every acknowledged
reply landed exactly once, nothing landed twice, and a command that gave up said so in plain
words. Used by the test suite (short) and by `benchmarks/bench_cli_faults.py` (the issue's 40).
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import func, select

from hezo_desk.cli.context import CLI_APPLICATION_NAME
from hezo_desk.db import Database
from hezo_desk.models import Message

KILL_EVERY_S = 0.25
KILL_ROUNDS_AT_MOST = 1200  # the killer stops by itself after about five minutes whatever
# What a message for people must not contain.
NOT_FOR_PEOPLE = ("INSERT", "SELECT", "UPDATE", "Traceback", "unexpected error")


@dataclass(frozen=True)
class Sent:
    body: str
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def killing(
    db: Database,
    *,
    every_s: float = KILL_EVERY_S,
    application_name: str = CLI_APPLICATION_NAME,
    rounds: int = KILL_ROUNDS_AT_MOST,
    on_kill: Callable[[], None] | None = None,
    jitter_s: float = 0.0,
) -> Iterator[list[int]]:
    """While inside, terminate the sessions named `application_name` (the command line's by
    default) on `db` every `every_s` seconds (± up to `jitter_s`); `on_kill` is called after
    each round that terminated one.

    Yields the list of terminated backends' ids (growing). Bounded: stops on leaving, and by
    itself after `rounds` rounds (about `rounds` × `every_s` seconds).
    """
    killed: list[int] = []
    stop = threading.Event()
    conninfo = db.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def run() -> None:
        pauses = random.Random()
        with psycopg.connect(conninfo, autocommit=True) as admin:
            for _ in range(rounds):
                if stop.wait(every_s + pauses.uniform(-jitter_s, jitter_s)):
                    return
                rows = admin.execute(
                    "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = %s "
                    "AND pid <> pg_backend_pid()",
                    (application_name,),
                ).fetchall()
                killed.extend(pid for pid, done in rows if done)
                if on_kill is not None and any(done for _pid, done in rows):
                    on_kill()

    thread = threading.Thread(target=run, name="killer", daemon=True)
    thread.start()
    try:
        yield killed
    finally:
        stop.set()
        thread.join(30)


def send_replies(
    url: str,
    number: str,
    count: int,
    *,
    cwd: Path,
    environ: Mapping[str, str],
    login: str = "anna.nowak",
    at_once: int = 3,
) -> list[Sent]:
    """`count` replies to ticket `number`, each a `hezo-desk ticket reply` process of its own,
    `at_once` at a time (as several agents' scripts would run)."""
    run_id = uuid.uuid4().hex[:8]

    def send(i: int) -> Sent:
        body = f"Odpowiedź {i} pod ostrzałem {run_id}"
        command = [sys.executable, "-m", "hezo_desk", "--database", url, "--agent", login]
        command += ["ticket", "reply", number, "--body", body]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=180,
            cwd=cwd,
            env=dict(environ),
            check=False,
        )
        return Sent(body, done.returncode, done.stdout, done.stderr)

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(send, range(count)))


def check(db: Database, number: str, sent: list[Sent]) -> list[str]:
    """What went wrong: a lost or doubled reply, a failure not worded for people."""
    problems = []
    for one in sent:
        with db.sessions() as session:
            landed = session.scalar(select(func.count(Message.id)).where(Message.body == one.body))
        if landed and landed > 1:
            problems.append(f"doubled ({landed}×): {one.body}")
        if one.returncode == 0:
            if landed != 1:
                problems.append(f"acknowledged but lost: {one.body}")
            if one.stdout != f"reply added to {number}\n":
                problems.append(f"unexpected output: {one.stdout!r}")
            continue
        said = one.stderr.strip()
        # Gave up writing (say what to check) or never got going (nothing was written).
        plain = "may or may not have been saved" in said or "cannot connect to" in said
        if one.returncode != 1 or not plain:
            problems.append(f"gave up without saying what to check ({one.returncode}): {said}")
        if any(word in said for word in NOT_FOR_PEOPLE):
            problems.append(f"gave up with words not for people: {said}")
    return problems
