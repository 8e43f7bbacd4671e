"""Driving the real `bonecoach` command in tmux (optionally through a loopback sshd).

Used by tests marked ``terminal``. Everything started here is stopped by PID at the end.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BONECOACH = str(Path(sys.executable).with_name("bonecoach"))


REQUIRED = os.environ.get("BONECOACH_REQUIRE_TERMINAL") == "1"


def have(*programs: str) -> bool:
    return all(shutil.which(p) or Path(p).exists() for p in programs)


def need(*programs: str) -> None:
    """Skip (or, in CI, fail) when a program the test drives is missing."""
    if not have(*programs):
        message = f"needs {', '.join(programs)} (apt-get install tmux openssh-server)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def cpu_saturated(processes: int | None = None) -> Iterator[None]:
    """One busy-loop process per core (by default) while the block runs; stopped by PID after."""
    count = processes or os.cpu_count() or 1
    busy = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL)
        for _ in range(count)
    ]
    try:
        yield
    finally:
        for process in busy:
            process.kill()
        for process in busy:
            process.wait()


class Tmux:
    """One tmux server on its own socket, one session running one command."""

    def __init__(self, command: str, size: tuple[int, int], env: dict[str, str]) -> None:
        self.socket = f"bonecoach-test-{os.getpid()}-{time.monotonic_ns()}"
        width, height = size
        env_prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self._run(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {env_prefix} {command}; echo '[exited '$?']'; sleep 60",
        )
        self.pid = int(self._run("display-message", "-p", "-t", "t", "#{pid}").strip())

    def _run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        if out.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {out.stderr.strip()}")
        return out.stdout

    def keys(self, *keys: str) -> None:
        """tmux key names: Enter, Escape, C-s, Tab, Up, ... (one at a time, as a person types)."""
        for key in keys:
            self._run("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def burst(self, *keys: str) -> None:
        """Every key in one send-keys: written to the terminal at once, as a fast typist (or
        a paste without bracketed paste, or a slow SSH link catching up) delivers them."""
        self._run("send-keys", "-t", "t", *keys)

    def paste(self, text: str, *, bracketed: bool = True) -> None:
        """Paste ``text`` as a terminal does (bracketed when the app asked for it)."""
        self._run("set-buffer", "-b", "paste", text)
        self._run("paste-buffer", "-b", "paste", "-t", "t", *(["-p"] if bracketed else []))
        time.sleep(0.2)

    def type(self, text: str) -> None:
        self._run("send-keys", "-t", "t", "-l", text)
        time.sleep(0.2)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", "t")

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """Wait until every text is on screen; fail with the screen if it never appears."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                time.sleep(0.4)  # as a person does: look at the screen before typing
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{texts} not on screen after {timeout}s:\n{screen}")

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackSshd:
    """A key-only sshd on 127.0.0.1 with its own config and keys in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.port = free_port()
        self.user = (
            os.environ.get("USER")
            or subprocess.run(
                ["id", "-un"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        host_key, self.client_key = folder / "host_ed25519", folder / "client_ed25519"
        for key in (host_key, self.client_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        authorized = folder / "authorized_keys"
        authorized.write_text((folder / "client_ed25519.pub").read_text())
        authorized.chmod(0o600)
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
            f"AuthorizedKeysFile {authorized}\nPidFile {folder / 'sshd.pid'}\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PubkeyAuthentication yes\nUsePAM no\nStrictModes no\nPermitRootLogin yes\n"
            "PrintMotd no\nAcceptEnv LANG LC_* COLORTERM NO_COLOR\n"
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.process = subprocess.Popen(
            [shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited: {self.process.stdout.read().decode()}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("sshd did not start listening")

    def command(self, remote: str) -> str:
        """The ssh command line that runs ``remote`` with a terminal, as a patient would."""
        options = [
            "-tt",
            "-i",
            str(self.client_key),
            "-p",
            str(self.port),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
        ]
        return shlex.join(["ssh", *options, f"{self.user}@127.0.0.1", remote])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
