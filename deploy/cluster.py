"""N Streamlit replicas of the app on loopback ports, HAProxy in front: start, watch, stop.

`Deployment` is the Python API behind `deploy/run` (tests/test_deploy.py uses it directly):

    with Deployment(replicas=2, port=8501) as deployment:   # returns once the app answers through HAProxy
        deployment.url, deployment.status()

Every process runs in a session of its own (Ctrl-C reaches only the supervisor, which stops HAProxy first, so no
request lands on a stopping replica, then the replicas) and is recorded in <run dir>/state.json, so `deploy/run
--stop` can stop a deployment whose terminal is gone. Each replica is a plain `streamlit run app.py` (the
repository's .streamlit/config.toml; extra options only from `streamlit_args`). Standard library only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from deploy import proxy

ROOT = proxy.DEPLOY.parent
STATE = proxy.DEPLOY / ".state"  # one run directory per public port (gitignored)


def default_python() -> str:
    """The Python that has Streamlit: the repository's .venv if there is one, else this interpreter."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) process `pid` has used so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether `url` answers 200 (certificates are not checked: a self-signed one is fine on loopback)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen, deadline: float, log: Path | None = None) -> None:
    """Wait until `url` answers 200; raise RuntimeError if `process` exits or time.monotonic() passes `deadline`
    first (with the end of its `log`, if given)."""
    while not answers(url):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            state = "exited" if process.poll() is not None else "is still up"
            raise RuntimeError(f"{url} did not answer (its process {state}){f'; {log} ends:' if tail else ''}\n{tail}")
        time.sleep(0.1)


def stop_process(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM `process`, then SIGKILL if it has not exited after `grace` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class Deployment:
    """HAProxy on `address`:`port` in front of `replicas` Streamlit processes of app.py.

    run_dir: where haproxy.cfg, the stats socket, state.json and the logs go (default deploy/.state/port-<port>).
    python: the interpreter that runs Streamlit (default: the repository's .venv). streamlit_args: extra
    options for every replica, e.g. ["--server.enableAgentApi=true"] (the class bench). cert: a PEM file
    (certificate and key) to serve HTTPS on `port`.
    """

    def __init__(self, replicas: int = 2, port: int = 8501, address: str = "0.0.0.0", run_dir: Path | None = None,
                 python: str | None = None, streamlit_args: list[str] | tuple[str, ...] = (),
                 haproxy: str | None = None, cert: str | None = None):
        if replicas < 1:
            raise ValueError("at least one replica")
        self.replicas, self.port, self.address, self.cert = replicas, port, address, cert
        self.run_dir = Path(run_dir or STATE / f"port-{port}").resolve()
        self.python, self.streamlit_args = python or default_python(), list(streamlit_args)
        self.haproxy_binary = proxy.haproxy_binary(haproxy)
        self.ports: list[int] = []
        self.processes: list[subprocess.Popen | None] = []
        self.haproxy: subprocess.Popen | None = None
        self.stopped: set[int] = set()  # replicas stopped on purpose: supervise() leaves them down

    @property
    def url(self) -> str:
        """The public URL, as seen from this machine."""
        host = "127.0.0.1" if self.address in ("0.0.0.0", "*", "") else self.address
        return f"{'https' if self.cert else 'http'}://{host}:{self.port}"

    @property
    def stats_socket(self) -> Path:
        """HAProxy's runtime API (stats socket)."""
        return self.run_dir / "haproxy.sock"

    def start(self, timeout: float = 90.0) -> Deployment:
        """Start the replicas, wait until each is healthy and has had its first views (first_view: no student waits
        for a fresh process's imports), then HAProxy; return once the app answers through it."""
        if not self.haproxy_binary:
            raise RuntimeError("haproxy is not installed (Debian: apt-get install haproxy)")
        if running(self.run_dir):
            raise RuntimeError(f"a deployment is already running from {self.run_dir}: deploy/run --stop "
                               f"--port {self.port}")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.warm()
        deadline = time.monotonic() + timeout
        try:
            self.ports = [free_port() for _ in range(self.replicas)]
            self.processes = [self._start_replica(i) for i in range(self.replicas)]
            self._record()  # from now on `deploy/run --stop` finds them, whatever happens to this process
            for i in range(self.replicas):
                wait_healthy(f"http://127.0.0.1:{self.ports[i]}/_stcore/health", self.processes[i], deadline,
                             self.run_dir / f"replica-{i + 1}.log")
                self.first_views(i, deadline)
            config = proxy.render(self.run_dir, self.address, self.port, self.ports, self.cert)
            proxy.check(self.haproxy_binary, config)
            with open(self.run_dir / "haproxy.log", "ab") as log:
                self.haproxy = subprocess.Popen([self.haproxy_binary, "-db", "-f", str(config)], stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)
            self._record()
            wait_healthy(f"{self.url}/_stcore/health", self.haproxy, deadline, self.run_dir / "haproxy.log")
            for i in range(self.replicas):  # HAProxy's first health check of each has passed
                self.wait_status(proxy.server_name(i), "UP", timeout=max(1.0, deadline - time.monotonic()))
        except BaseException:
            self.stop()
            raise
        return self

    def warm(self) -> None:
        """Compile the training loop once before any replica serves (python -m engine.warm): numba keeps the
        machine code on disk, so no student's first view waits tens of seconds for the compiler; on a machine
        that already has it this takes about a second."""
        with open(self.run_dir / "warm.log", "ab") as log:
            subprocess.run([self.python, "-m", "engine.warm"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                           check=True)

    def first_views(self, index: int, deadline: float) -> None:
        """Open every page once on replica `index` (python -m deploy.first_view, with the replicas' interpreter,
        which has Streamlit): its imports and first chart shapes are then done before a student arrives."""
        with open(self.run_dir / f"replica-{index + 1}.log", "ab") as log:
            subprocess.run([self.python, "-m", "deploy.first_view", str(self.ports[index])], cwd=ROOT, stdout=log,
                           stderr=subprocess.STDOUT, check=True, timeout=max(1.0, deadline - time.monotonic()))

    def _start_replica(self, index: int) -> subprocess.Popen:
        command = [self.python, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                   "--server.address", "127.0.0.1", "--server.port", str(self.ports[index]),
                   "--browser.gatherUsageStats", "false", *self.streamlit_args]
        with open(self.run_dir / f"replica-{index + 1}.log", "ab") as log:
            return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)

    def _record(self) -> None:
        state = {"supervisor": os.getpid(), "url": self.url, "haproxy": self.haproxy.pid if self.haproxy else None,
                 "replicas": [{"name": proxy.server_name(i), "port": port, "pid": process.pid if process else None}
                              for i, (port, process) in enumerate(zip(self.ports, self.processes))]}
        (self.run_dir / "state.json").write_text(json.dumps(state, indent=1))

    def stop_replica(self, index: int) -> None:
        """Stop replica `index` (0-based) and leave it down: HAProxy's health check takes it out of rotation."""
        self.stopped.add(index)
        if self.processes[index]:
            stop_process(self.processes[index])

    def restart_replica(self, index: int, timeout: float = 60.0) -> None:
        """Start replica `index` again on its port, wait until it is healthy and open its first views (HAProxy puts
        it back itself, after its health check: a student may meet it while it is still opening them)."""
        if self.processes[index]:
            stop_process(self.processes[index])
        self.stopped.discard(index)
        self.processes[index] = self._start_replica(index)
        self._record()
        deadline = time.monotonic() + timeout
        wait_healthy(f"http://127.0.0.1:{self.ports[index]}/_stcore/health", self.processes[index], deadline,
                     self.run_dir / f"replica-{index + 1}.log")
        self.first_views(index, deadline)

    def status(self) -> dict[str, dict[str, str]]:
        """HAProxy's view of each replica by name (status, scur, stot, ...), see `proxy.servers`."""
        return proxy.servers(self.stats_socket)

    def wait_status(self, name: str, wanted: str, timeout: float = 15.0) -> None:
        """Wait until HAProxy reports replica `name` (r1, r2, ...) with status `wanted` (UP, DOWN)."""
        deadline = time.monotonic() + timeout
        while (seen := self.status()[name]["status"]) != wanted:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} is still {seen} after {timeout:.0f} s, not {wanted}")
            time.sleep(0.25)

    def supervise(self, poll: float = 1.0) -> int:
        """Run until SIGINT or SIGTERM, restarting a replica that exits on its own; then stop everything.

        Returns 0 after a requested stop, 1 if HAProxy itself exited (nothing could reach the replicas)."""
        requested, retry_at = [], {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda number, frame: requested.append(number))
        status = 0
        try:
            while not requested:
                if self.haproxy and self.haproxy.poll() is not None:
                    print(f"haproxy exited ({self.haproxy.returncode}); see {self.run_dir / 'haproxy.log'}",
                          file=sys.stderr)
                    status = 1
                    break
                for i, process in enumerate(self.processes):
                    if (i in self.stopped or not process or process.poll() is None
                            or time.monotonic() < retry_at.get(i, 0)):
                        continue
                    name = proxy.server_name(i)
                    print(f"replica {name} exited ({process.returncode}); restarting it", file=sys.stderr)
                    try:
                        self.restart_replica(i, timeout=30)
                    except RuntimeError as problem:
                        print(f"replica {name} did not come back: {problem}\ntrying again in 10 s", file=sys.stderr)
                        retry_at[i] = time.monotonic() + 10
                time.sleep(poll)
        finally:
            self.stop()
        return status

    def stop(self) -> None:
        """Stop HAProxy, then every replica; remove the socket and state file (the logs stay)."""
        if self.haproxy:
            stop_process(self.haproxy)
        for process in self.processes:
            if process:
                stop_process(process)
        for leftover in (self.stats_socket, self.run_dir / "state.json"):
            leftover.unlink(missing_ok=True)

    def __enter__(self) -> Deployment:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _alive(pid: int | None, *words: str) -> bool:
    """Whether `pid` is running and its command line contains all `words` (so a reused pid is never taken
    for ours)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, TypeError):
        return False
    return all(word in cmdline for word in words)


def running(run_dir: Path) -> dict | None:
    """The state of the deployment recorded in `run_dir` if any of its processes is still running, else None."""
    try:
        state = json.loads((run_dir / "state.json").read_text())
    except (OSError, ValueError):
        return None
    pids = [(state["supervisor"], ("deploy/run",)), (state["haproxy"], ("haproxy",))]
    pids += [(r["pid"], ("streamlit", str(r["port"]))) for r in state["replicas"]]
    return state if any(_alive(pid, *words) for pid, words in pids) else None


def stop_recorded(run_dir: Path, timeout: float = 30.0) -> bool:
    """Stop the deployment recorded in `run_dir`: SIGTERM its supervisor and wait; if the supervisor is gone,
    SIGTERM its HAProxy and replicas directly. Returns False if nothing was running."""
    state = running(run_dir)
    if not state:
        return False
    targets = [(state["supervisor"], ("deploy/run",))]
    if not _alive(state["supervisor"], "deploy/run"):  # no supervisor (killed, or the Python API's caller)
        targets = [(state["haproxy"], ("haproxy",))] + [(r["pid"], ("streamlit", str(r["port"])))
                                                        for r in state["replicas"]]
    for pid, words in targets:
        if _alive(pid, *words):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(_alive(pid, *words) for pid, words in targets):
        if time.monotonic() > deadline:
            raise TimeoutError(f"processes of {run_dir} still running after {timeout:.0f} s")
        time.sleep(0.2)
    (run_dir / "state.json").unlink(missing_ok=True)
    return True
