"""`deploy/run`: start, stop or inspect the HAProxy deployment from the command line.

Starting runs in the foreground as the supervisor of HAProxy and the replicas (a replica that exits on its own
is restarted); Ctrl-C, SIGTERM or `deploy/run --stop --port <port>` from another terminal stops everything.
One deployment per public port: its run directory is deploy/.state/port-<port> unless --run-dir says otherwise.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from deploy import cluster, proxy


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line, with --replicas, --port and the rest (see --help)."""
    parser = argparse.ArgumentParser(prog="deploy/run", description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--stop", action="store_true", help="stop the deployment on --port and exit")
    action.add_argument("--status", action="store_true", help="show the deployment on --port and exit")
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="public port HAProxy listens on (default 8501)")
    parser.add_argument("--address", default="0.0.0.0",
                        help="address HAProxy listens on (default all; 127.0.0.1 for this machine only)")
    parser.add_argument("--streamlit-arg", action="append", default=[], metavar="ARG",
                        help="extra option for every replica, written with '=' "
                             "(--streamlit-arg=--server.maxUploadSize=2); repeatable")
    parser.add_argument("--cert", help="PEM file with certificate and key: serve HTTPS on --port")
    parser.add_argument("--run-dir", type=Path, help="where the config, socket, state and logs go "
                                                     "(default deploy/.state/port-<port>)")
    parser.add_argument("--python", help="interpreter with Streamlit installed (default: the repository's .venv)")
    parser.add_argument("--haproxy", help="haproxy binary (default: on PATH, else /usr/sbin/haproxy)")
    arguments = parser.parse_args(argv)
    if arguments.replicas < 1:
        parser.error("--replicas must be at least 1")
    arguments.where = f"--run-dir {arguments.run_dir}" if arguments.run_dir else f"--port {arguments.port}"
    arguments.run_dir = arguments.run_dir or cluster.STATE / f"port-{arguments.port}"
    return arguments


def status(run_dir: Path) -> int:
    """Print each replica's state as HAProxy sees it, with its process's CPU time and memory."""
    state = cluster.running(run_dir)
    if not state:
        print(f"nothing running from {run_dir}")
        return 1
    try:
        seen = proxy.servers(run_dir / "haproxy.sock")
    except OSError as problem:
        print(f"HAProxy's stats socket does not answer ({problem}): is HAProxy down?")
        seen = {}
    print(f"{state['url']}  (HAProxy pid {state['haproxy']}, run dir {run_dir})")
    print(f"{'replica':8} {'port':>6} {'pid':>8} {'HAProxy':>9} {'conns now':>10} {'conns total':>12} "
          f"{'CPU s':>8} {'RSS MB':>8}")
    for replica in state["replicas"]:
        row, pid = seen.get(replica["name"], {}), replica["pid"]
        try:
            cpu = f"{cluster.cpu_seconds(pid):.1f}"
            rss = next(line.split()[1] for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("VmRSS"))
            rss = f"{int(rss) / 1024:.0f}"
        except (OSError, StopIteration):
            cpu = rss = "-"
        print(f"{replica['name']:8} {replica['port']:>6} {pid:>8} {row.get('status', '?'):>9} "
              f"{row.get('scur', '?'):>10} {row.get('stot', '?'):>12} {cpu:>8} {rss:>8}")
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run `deploy/run` with `argv` (default: the command line); return the exit status."""
    arguments = parse(argv)
    if arguments.stop:
        try:
            stopped = cluster.stop_recorded(arguments.run_dir)
        except TimeoutError as problem:
            print(problem, file=sys.stderr)
            return 1
        print("stopped" if stopped else f"nothing running from {arguments.run_dir}")
        return 0
    if arguments.status:
        return status(arguments.run_dir)
    if any("enableAgentApi" in arg for arg in arguments.streamlit_arg):
        print("note: the agent API is on for these replicas (meant for bench/class_load.py, not for a class)",
              file=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)  # a SIGTERM while starting cleans up like Ctrl-C
    deployment = cluster.Deployment(arguments.replicas, arguments.port, arguments.address, arguments.run_dir,
                                    arguments.python, arguments.streamlit_arg, arguments.haproxy, arguments.cert)
    try:
        deployment.start()
    except (RuntimeError, OSError) as problem:
        print(f"could not start: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    ports = ", ".join(f"{proxy.server_name(i)} on 127.0.0.1:{port}" for i, port in enumerate(deployment.ports))
    print(f"Backprop Playground at {deployment.url} ({arguments.address}:{arguments.port}): {ports}\n"
          f"config, logs and stats socket in {deployment.run_dir}\n"
          f"Ctrl-C here, or `deploy/run --stop {arguments.where}`, stops it.", flush=True)
    return deployment.supervise()
