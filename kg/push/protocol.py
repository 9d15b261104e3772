"""The Graph Store Protocol requests of a push (PUT, HEAD, DELETE of one graph) over urllib, and
what counts as a failure worth retrying (``Transient``) or not (``Refused``)."""

from __future__ import annotations

import http.client
import ipaddress
import urllib.error
import urllib.parse
import urllib.request

from kg.errors import KgError

NTRIPLES = "application/n-triples"
# Statuses worth another try: the server is busy, restarting or timed out. Other 4xx statuses
# mean the request itself is wrong and will fail the same way again.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class Transient(Exception):
    """Worth retrying: the server may answer next time (after ``retry_after`` seconds, when it
    said so)."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message, retry_after)
        self.message = message
        self.retry_after = retry_after


class Refused(Exception):
    """The server answered and refused this request (HTTP ``status``); retrying will not help."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message, status)
        self.message = message
        self.status = status


def put_graph(
    opener: urllib.request.OpenerDirector, url: str, body: bytes, media_type: str, timeout: float
) -> None:
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": media_type}
    )
    send(opener, request, timeout)


def graph_on_server(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> bool:
    """Whether the server holds the graph at URL (HEAD: 200 yes, 404 no). A server that cannot
    say (HEAD not allowed) is taken at the progress file's word."""
    try:
        send(opener, urllib.request.Request(url, method="HEAD"), timeout)
    except Refused as error:
        return error.status != 404
    return True


def delete_graph(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> None:
    """DELETE the graph at URL; one the server no longer has (404) is as good as deleted."""
    try:
        send(opener, urllib.request.Request(url, method="DELETE"), timeout)
    except Refused as error:
        if error.status != 404:
            raise


def send(
    opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float
) -> None:
    """Send REQUEST; Transient for what may work next time, Refused(message, status) else."""
    url = request.full_url
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
        message = f"HTTP {error.code} {error.reason}" + (f": {detail[0]}" if detail else "")
        if error.code in TRANSIENT_STATUSES:
            raise Transient(message, _retry_after(error.headers.get("Retry-After"))) from None
        raise Refused(message, error.code) from None
    except urllib.error.URLError as error:  # refused, reset, DNS, timeout while connecting
        raise Transient(f"cannot reach {_origin(url)}: {error.reason}", None) from None
    except (OSError, http.client.HTTPException) as error:  # timeout or drop mid-response
        raise Transient(f"{_origin(url)}: {error or type(error).__name__}", None) from None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:  # an HTTP date: rare, and the back-off is a fine substitute
        return None


def graph_url(base: str, name: str) -> str:
    separator = "&" if urllib.parse.urlsplit(base).query else "?"
    if not name:
        return f"{base}{separator}default"
    return f"{base}{separator}graph={urllib.parse.quote(name, safe='')}"


def check_endpoint(endpoint: str) -> str:
    base = endpoint.strip()
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(
            f"bad endpoint {endpoint!r}: give the Graph Store URL, e.g. http://localhost:7878/store"
        )
    if parts.fragment:
        raise KgError(f"bad endpoint {endpoint!r}: a URL fragment (#...) is not sent to servers")
    return base


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def make_opener(base: str, auth: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    host = urllib.parse.urlsplit(base).hostname or ""
    if _is_loopback(host):
        # A proxy from the environment cannot reach this machine's own server.
        handlers.append(urllib.request.ProxyHandler({}))
    if auth is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, base, *auth)
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
