"""gunicorn on 127.0.0.1 and a free port, against the database the benchmark built."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time

from django.conf import settings

from bench import HOST

START_TIMEOUT = 30
STOP_TIMEOUT = 15


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _log_tail(path, lines=20):
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


def _answers(port):
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_until_ready(process, port, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with status {process.returncode}:\n{_log_tail(log_path)}"
            )
        if _answers(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{_log_tail(log_path)}")


def stop(process):
    """SIGTERM (graceful: the master stops its workers), then SIGKILL if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def gunicorn(database_name, workers=2):
    """Yield the port of a running gunicorn; always stop it on the way out, even on error.

    portal/wsgi.py defaults to the production settings, so the bench settings are set here
    explicitly, with the name of the database this run built (the test_ database on PostgreSQL).
    """
    port = free_port()
    log_path = settings.BENCH_DIR / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "BENCH_DATABASE_NAME": database_name,
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "portal.wsgi:application"),
        *("--workers", str(workers), "--bind", f"{HOST}:{port}", "--log-level", "warning"),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_until_ready(process, port, log_path)
        yield port
    finally:
        stop(process)
