"""Start ``framing serve`` as a real uvicorn subprocess on a free loopback port (tests of the web app)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 240.0  # the model loads first; a busy 2-core machine is slow


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running ``framing serve`` process: ``url``, ``proc``, its log file, and how it was started."""

    args: list[str]
    log: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        import httpx

        env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"}
        env.pop("FRAMING_SERVE_TOKEN", None)
        cmd = [sys.executable, "-m", "framing", "serve", "--port", str(self.port), *self.args]
        with open(self.log, "ab") as fh:
            self.proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"framing serve exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.kill()
        raise RuntimeError(f"framing serve did not answer within {START_TIMEOUT:.0f} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs (a crash or a pulled plug)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)

    def terminate(self, timeout: float = 60.0) -> int:
        """SIGTERM and wait for the exit status."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)


def start_server(tmp: Path, model: Path, *extra: str, jobs_dir: Path | None = None, log: str = "server.log") -> Server:
    """A server over the tiny test model with the rule-based text layer (fast), jobs under ``tmp``."""
    args: Sequence[str] = ["--model", str(model), "--nlp", "none", "--jobs-dir", str(jobs_dir or tmp / "jobs"), *extra]
    return Server(list(args), tmp / log).start()
