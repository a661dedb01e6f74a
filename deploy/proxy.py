"""HAProxy's side of the deployment: its configuration, its error pages, and its runtime API.

The configuration is rendered from `haproxy.cfg.template` (beside this file) with `string.Template`, so the
template stays a readable HAProxy file with a few `$names` in it, and checked with `haproxy -c` before
anything is started. The runtime API (the stats socket the template opens in the run directory) is what
`deploy/run --status`, the tests and the benches read to see each replica's state and sessions.
Standard library only: the deployment must start on a machine where only Python and haproxy are installed.
"""

from __future__ import annotations

import csv
import shutil
import socket
import subprocess
from pathlib import Path
from string import Template

DEPLOY = Path(__file__).resolve().parent
TEMPLATE = DEPLOY / "haproxy.cfg.template"
COOKIE = "PLAYGROUND_REPLICA"
MAX_URL = 16384  # characters in a request's URL before the 414 page (a real view's link is under 1,000)
MAXCONN = 2000  # connections HAProxy accepts at once: a class of 100 uses a few hundred

# Errors HAProxy itself answers with, as full HTTP responses built from the HTML pages in errors/ (503: no
# replica is up). Its 400 for a request it cannot parse cannot be replaced: HAProxy 2.6 sends its own.
_ERROR_STATUS = {503: "Service Unavailable"}


def haproxy_binary(explicit: str | None = None) -> str | None:
    """The haproxy to run: `explicit`, else the one on PATH, else Debian's /usr/sbin/haproxy; None if none."""
    for candidate in (explicit, shutil.which("haproxy"), "/usr/sbin/haproxy"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def server_name(index: int) -> str:
    """The name of replica `index` (0-based) in HAProxy, its logs and its stickiness cookie: r1, r2, ..."""
    return f"r{index + 1}"


def render(run_dir: Path, address: str, port: int, replica_ports: list[int], cert: str | None = None) -> Path:
    """Write `run_dir`/haproxy.cfg for replicas on loopback `replica_ports` and the error pages it names.

    address, port: where HAProxy listens for users. cert: a PEM file (certificate and key) to serve HTTPS.
    Returns the configuration's path.
    """
    (run_dir / "errors").mkdir(parents=True, exist_ok=True)
    for status, reason in _ERROR_STATUS.items():
        body = (DEPLOY / "errors" / f"{status}.html").read_bytes()
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Cache-Control: no-store\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
        (run_dir / "errors" / f"{status}.http").write_bytes(head.encode() + body)
    bind = f"{address}:{port}" + (f" ssl crt {cert} alpn http/1.1" if cert else "")
    servers = "\n".join(f"    server {server_name(i)} 127.0.0.1:{p} cookie {server_name(i)}"
                        for i, p in enumerate(replica_ports))
    text = Template(TEMPLATE.read_text()).substitute(
        run_dir=run_dir, deploy_dir=DEPLOY, bind=bind, cookie=COOKIE, max_url=MAX_URL, maxconn=MAXCONN,
        servers=servers)
    config = run_dir / "haproxy.cfg"
    config.write_text(text)
    return config


def check(haproxy: str, config: Path) -> None:
    """Validate `config` with `haproxy -c`; raise RuntimeError with HAProxy's own words if it is not valid."""
    result = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError(f"haproxy rejected {config}:\n{result.stdout}{result.stderr}")


def command(sock: Path, line: str, timeout: float = 5.0) -> str:
    """Send one command to HAProxy's runtime API at `sock` and return its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(str(sock))
        client.sendall(line.encode() + b"\n")
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def servers(sock: Path) -> dict[str, dict[str, str]]:
    """Each replica's row of `show stat`, by server name: status (UP, DOWN, MAINT, ...), scur (current
    connections), stot (connections so far), check_status, and the rest of HAProxy's columns."""
    text = command(sock, "show stat").lstrip("# ")
    rows = csv.DictReader(line for line in text.splitlines() if line)
    return {row["svname"]: row for row in rows if row["pxname"] == "replicas" and row["svname"] != "BACKEND"}
