"""A Virtuoso server for the tests: Debian's ``virtuoso-opensource-7-bin`` (installed by scripts/setup
where root), on free loopback ports, its database in a temporary folder.

Virtuoso's own set-up step, done here as docs/STORES.md tells a user to: the SPARQL user (the one
``/sparql`` and ``/sparql-graph-crud`` run as) gets the role ``SPARQL_UPDATE``, through ``isql``; a
user of our own, with that role, for the Digest-authenticated endpoints ``/sparql-auth`` and
``/sparql-graph-crud-auth``.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

SERVER = "virtuoso-t"
ISQL = "isql-vt"
USER = "kg"
PASSWORD = "kg-Pa55-virtuoso"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def binaries() -> tuple[str, str]:
    """The server and isql binaries; a skip with the reason where they are missing, a failure in CI."""
    server, isql = shutil.which(SERVER), shutil.which(ISQL)
    if server is not None and isql is not None:
        return server, isql
    reason = (
        f"Virtuoso is not installed ({SERVER}, {ISQL}): scripts/setup installs Debian's"
        " virtuoso-opensource-7-bin when run as root (apt-get install virtuoso-opensource-7-bin)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must have it")
    pytest.skip(reason)


INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4

[SPARQL]
{sparql}
"""


class Virtuoso:
    """A ``virtuoso-t +foreground`` process on free loopback ports, its database in ``location``."""

    def __init__(self, location: Path, *, max_rows: int | None = None) -> None:
        self.location = location
        self.max_rows = max_rows
        self.process: subprocess.Popen[bytes] | None = None
        self.http_port = 0
        self.sql_port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def store(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    @property
    def query(self) -> str:
        return f"{self.base}/sparql"

    def start(self) -> None:
        server, _isql = binaries()
        self.location.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        sparql = "" if self.max_rows is None else f"ResultSetMaxRows = {self.max_rows}"
        ini = self.location / "virtuoso.ini"
        ini.write_text(
            INI.format(dir=self.location, sql=self.sql_port, http=self.http_port, sparql=sparql),
            encoding="utf-8",
        )
        log = (self.location / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            [server, "+configfile", str(ini), "+foreground"],
            cwd=self.location,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{SERVER} exited with {self.process.returncode}: {self.log_tail()}")
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=2)
            try:
                connection.request("GET", "/sparql?query=ASK%7B%7D")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
            finally:
                connection.close()
        self.stop()
        pytest.fail(f"{SERVER} did not answer within 60 s: {self.log_tail()}")

    def log_tail(self) -> str:
        path = self.location / "virtuoso.log"
        lines = path.read_text(errors="replace").splitlines() if path.is_file() else []
        return " | ".join(lines[-3:])

    def sql(self, statements: str) -> None:
        """Run SQL statements as the dba user through isql (Virtuoso's own administration tool)."""
        _server, isql = binaries()
        done = subprocess.run(
            [isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "*** Error" in output:
            pytest.fail(f"isql: {statements}: {' '.join(output.split())[-300:]}")

    def allow_updates(self) -> None:
        """Virtuoso's set-up step for the Graph Store endpoints: the SPARQL user may update, and a
        user of our own (Digest authentication) too."""
        self.sql(
            'GRANT SPARQL_UPDATE TO "SPARQL"; '
            f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\";"
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
