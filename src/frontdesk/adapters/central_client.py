"""The HTTP client of the central server: the only module that imports ``requests``.

Every call has a (connect, read) timeout. TLS certificates are always verified, against the
bundled trust store or ``FRONTDESK_CA_BUNDLE``; there is no switch to turn that off, and the
environment's REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (or a .netrc) change nothing: the session
does not trust the environment, apart from its proxy settings. Plain http goes only to this
machine's loopback unless the settings allow more (``services.transport``). Failures
become the service layer's errors with one readable line: ``ServerUnreachable``,
``AuthFailed`` (carrying the server's own reason), ``DeskTooOld`` (426: the server takes no
pushes from this desk's version, which every request names in its ``User-Agent``) or
``ProtocolError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import pydantic
import requests

from frontdesk import __version__
from frontdesk.protocol import (
    ACCESS_HEADER,
    API_PREFIX,
    TAKEN_BACK,
    CrossSellAcceptanceReport,
    DevicePublic,
    DeviceRegistration,
    Health,
    ItemEnvelope,
    LoginRequest,
    PasswordReset,
    PullPage,
    PullPageEnd,
    PushResponse,
    RefreshRequest,
    ReportDrill,
    ReportTable,
    TokenPair,
    UserAccountPublic,
)
from frontdesk.protocol.cases import AttachmentLimits, CustomerCases, MissingBlobs
from frontdesk.protocol.orders import OrdersFound
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.protocol.versions import (
    TOO_OLD_STATUS,
    VERSION_PATH,
    DeskTooOldBody,
    DeskVersions,
    user_agent,
)
from frontdesk.services.errors import (
    AccessRevoked,
    AdminRefused,
    ApprovalDenied,
    ApprovalThrottled,
    AuthFailed,
    CertificateRefused,
    DeskTooOld,
    FrontdeskError,
    ProtocolError,
    ServerUnreachable,
)
from frontdesk.services.ports import AbstractCentral, FetchedPage
from frontdesk.services.transport import refuse_plain_http

__all__ = ["AuthFailed", "CentralClient", "ProtocolError", "ServerUnreachable", "server_url"]

Model = TypeVar("Model", bound=pydantic.BaseModel)
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")
_TLS = re.compile(r"(certificate verify failed[^'\")]*|hostname '[^']+' doesn't match[^'\")]*)")


class InvalidServerUrl(FrontdeskError):
    """A server address that is not ``http(s)://host[:port][/path]``."""


def server_url(raw: str) -> str:
    """The canonical form of a server address: scheme and host lower-case, no trailing '/'."""
    parts = urlsplit(raw.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidServerUrl(f"server address {raw!r} must look like https://host[:port]")
    if parts.query or parts.fragment or parts.username:
        raise InvalidServerUrl(f"server address {raw!r} must not carry a query or credentials")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


class CentralClient(AbstractCentral):
    """One central server's API over a pooled ``requests.Session``.

    ``allow_plain_http`` (``FRONTDESK_ALLOW_PLAIN_HTTP``) lets plain http go off this machine;
    without it such an address is refused at every call, before anything is sent.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeouts: tuple[float, float] = (5.0, 60.0),
        ca_bundle: Path | None = None,
        allow_plain_http: bool = False,
    ) -> None:
        self.base_url = server_url(base_url)
        self._timeouts = timeouts
        self._allow_plain_http = allow_plain_http
        self._verify: bool | str = str(ca_bundle) if ca_bundle else True
        self._http = _session(self.base_url)

    def close(self) -> None:
        self._http.close()

    def health(self) -> Health:
        return self._call("GET", "/health", answer=Health)

    def desk_versions(self) -> DeskVersions | None:
        """What the server publishes about desk versions; None from a server older than
        that (no such route): it has no rules to keep."""
        response = self._send("GET", VERSION_PATH, json=None, params=None, token=None)
        if response.status_code == 404:
            return None
        _raise_for_status(response, VERSION_PATH)
        return _answer(response, VERSION_PATH, DeskVersions)

    def login(
        self, username: str, password: str, *, device_id: str | None = None, device_name: str = ""
    ) -> TokenPair:
        body = LoginRequest(
            username=username, password=password, device_id=device_id, device_name=device_name
        )
        json = body.model_dump(exclude_defaults=True)  # no device: the plain login
        return self._call("POST", "/auth/login", json=json, answer=TokenPair)

    def refresh(self, refresh_token: str) -> TokenPair:
        body = _refresh_body(refresh_token)
        return self._call("POST", "/auth/refresh", json=body, answer=TokenPair)

    def logout(self, refresh_token: str) -> None:
        self._call("POST", "/auth/logout", json=_refresh_body(refresh_token), answer=None)

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        return self.fetch_pull(cursor, limit=limit, access_token=access_token).page()

    def fetch_pull(
        self, cursor: int, *, limit: int, access_token: str, floor: int = 0
    ) -> FetchedPage:
        path, params = "/sync/pull", {"cursor": cursor, "limit": limit}
        if floor > 0:  # a server without snapshots is never asked for one
            params["floor"] = floor
        response = self._send("GET", path, json=None, params=params, token=access_token)
        _raise_for_status(response, path)
        return FetchedPage(_page_end(response, path), lambda: _answer(response, path, PullPage))

    def push(self, device_id: str, items: list[ItemEnvelope], *, access_token: str) -> PushResponse:
        # The shape of ``PushRequest``; each payload goes as the outbox keeps it.
        body = {"device_id": device_id, "items": [item.model_dump(mode="json") for item in items]}
        return self._call("POST", "/sync/push", json=body, token=access_token, answer=PushResponse)

    def customer_cases(self, customer_id: str, *, access_token: str) -> CustomerCases:
        params = {"customer_id": customer_id}
        return self._call("GET", "/cases", params=params, token=access_token, answer=CustomerCases)

    def customer_orders(self, customer_id: str, *, access_token: str) -> OrdersFound:
        params = {"customer_id": customer_id}
        return self._call("GET", "/orders", params=params, token=access_token,
                          answer=OrdersFound)  # fmt: skip

    def order(self, number: str, *, access_token: str) -> OrdersFound | None:
        """One order and its events; None when the server has no order with this number."""
        path = f"/orders/{quote(number, safe='')}"
        response = self._send("GET", path, json=None, params=None, token=access_token)
        if response.status_code == 404:
            return None
        _raise_for_status(response, path)
        return _answer(response, path, OrdersFound)

    def attachment_limits(self, *, access_token: str) -> AttachmentLimits | None:
        """The server's attachment limit; None from a server without attachments (404)."""
        response = self._send("GET", "/attachments/limits", json=None, params=None,
                              token=access_token)  # fmt: skip
        if response.status_code == 404:
            return None
        _raise_for_status(response, "/attachments/limits")
        return _answer(response, "/attachments/limits", AttachmentLimits)

    def missing_attachments(self, sha256: list[str], *, access_token: str) -> list[str]:
        """Of these contents, those the server does not hold yet."""
        body = MissingBlobs(sha256=sha256).model_dump()
        found = self._call("POST", "/attachments/missing", json=body, token=access_token,
                           answer=MissingBlobs)  # fmt: skip
        return list(found.sha256)

    def upload_attachment(self, sha256: str, content: bytes, *, access_token: str) -> None:
        """Send an attachment's content; the server checks it against ``sha256``."""
        path = f"/attachments/{sha256}"
        response = self._send("PUT", path, json=None, params=None, token=access_token,
                              data=content)  # fmt: skip
        _raise_for_status(response, path)

    def download_attachment(self, sha256: str, *, access_token: str) -> bytes:
        path = f"/attachments/{sha256}"
        response = self._send("GET", path, json=None, params=None, token=access_token)
        _raise_for_status(response, path)
        return response.content

    def download_document(
        self, sha256: str, *, offset: int, access_token: str, write: Callable[[bytes], None]
    ) -> int:
        """Stream a knowledge-base document's content from byte ``offset`` on (an HTTP
        Range: a download cut off resumes where it stopped) into ``write``; returns the
        document's whole size. An ``offset`` at its end writes nothing."""
        path = f"/kb/documents/{sha256}"
        return self._download(path, offset=offset, access_token=access_token, write=write)

    def snapshot(self, *, access_token: str) -> SnapshotPublic | None:
        """The newest initial-pull snapshot; None when the server has none (404)."""
        response = self._send("GET", SNAPSHOT_PATH, json=None, params=None, token=access_token)
        if response.status_code == 404:
            return None
        _raise_for_status(response, SNAPSHOT_PATH)
        return _answer(response, SNAPSHOT_PATH, SnapshotPublic)

    def download_snapshot(
        self,
        snapshot: SnapshotPublic,
        *,
        offset: int,
        access_token: str,
        write: Callable[[bytes], None],
    ) -> int:
        """Stream the snapshot file from ``offset`` on; a resumed range only while the
        server's file is still the one named by its SHA-256 (``If-Range``: else the server
        sends the whole file, which is refused here as not resumed)."""
        path = f"/sync/snapshots/{snapshot.id}"
        return self._download(path, offset=offset, access_token=access_token, write=write,
                              validator=f'"{snapshot.sha256}"')  # fmt: skip

    def _download(
        self,
        path: str,
        *,
        offset: int,
        access_token: str,
        write: Callable[[bytes], None],
        validator: str | None = None,
    ) -> int:
        """Stream ``path`` from byte ``offset`` on into ``write``; the content's whole size."""
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        if offset and validator is not None:
            headers["If-Range"] = validator
        response = self._send("GET", path, json=None, params=None, token=access_token,
                              headers=headers, stream=True)  # fmt: skip
        with response:
            if response.status_code == 416:
                return _range_size(response, path)
            _raise_for_status(response, path)
            total = _document_size(response, path, offset=offset)
            try:
                for chunk in response.iter_content(_CHUNK):
                    write(chunk)
            except requests.RequestException as error:
                raise ServerUnreachable(self._unreachable(error)) from None
        return total

    def register_device(self, device_id: str, *, name: str, access_token: str) -> None:
        body = DeviceRegistration(device_id=device_id, name=name[:100]).model_dump()
        self._call("POST", "/devices", json=body, token=access_token, answer=None)

    def request_approval(
        self, asked: TillApprovalRequest, *, access_token: str
    ) -> TillApprovalGranted:
        """A supervisor's approval of one till entry, asked with the cashier's token.

        ``ApprovalDenied`` when the server refuses the approval (403), ``ApprovalThrottled``
        while the supervisor's name or this till must wait (429); ``AuthFailed`` only for the
        cashier's own token (401).
        """
        body = asked.model_dump(mode="json", by_alias=True)
        try:
            return self._call(
                "POST", "/till/approvals", json=body, token=access_token,
                answer=TillApprovalGranted, refused=ApprovalDenied,
            )  # fmt: skip
        except ProtocolError as error:  # 422: what the desk asked is not a valid request
            raise ApprovalDenied(str(error)) from None

    def crosssell_acceptance(self, *, access_token: str) -> CrossSellAcceptanceReport:
        path = "/reports/crosssell-acceptance"
        return self._call("GET", path, token=access_token, answer=CrossSellAcceptanceReport)

    def report(self, name: str, *, params: dict[str, str], access_token: str) -> ReportTable:
        path = f"/reports/{quote(name, safe='')}"
        return self._call("GET", path, params=params, token=access_token, answer=ReportTable)

    def report_drill(self, name: str, *, params: dict[str, str], access_token: str) -> ReportDrill:
        path = f"/reports/{quote(name, safe='')}/drill"
        return self._call("GET", path, params=params, token=access_token, answer=ReportDrill)

    def admin_users(self, *, access_token: str) -> list[UserAccountPublic]:
        return self._call("GET", "/admin/users", token=access_token, answer=_Users).root

    def admin_user_action(
        self, username: str, action: str, *, password: str | None, access_token: str
    ) -> UserAccountPublic:
        body = None if password is None else PasswordReset(password=password).model_dump()
        path = f"/admin/users/{quote(username, safe='')}/{quote(action, safe='')}"
        return self._call(
            "POST", path, json=body, token=access_token, answer=UserAccountPublic,
            refused=AdminRefused,
        )  # fmt: skip

    def admin_devices(self, *, access_token: str) -> list[DevicePublic]:
        return self._call("GET", "/admin/devices", token=access_token, answer=_Devices).root

    def admin_revoke_device(self, device_id: str, *, access_token: str) -> DevicePublic:
        path = f"/admin/devices/{quote(device_id, safe='')}/revoke"
        return self._call(
            "POST", path, token=access_token, answer=DevicePublic, refused=AdminRefused
        )

    def is_reachable(self) -> bool:
        try:
            self.health()
        except FrontdeskError:
            return False
        return True

    def _call(
        self,
        method: str,
        path: str,
        *,
        answer: type[Model] | None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        refused: type[FrontdeskError] | None = None,
    ) -> Any:
        response = self._send(method, path, json=json, params=params, token=token)
        if refused is ApprovalDenied and response.status_code == 429:
            raise ApprovalThrottled(_detail(response) or "too many failed sign-ins; try later")
        if refused is AdminRefused and response.status_code in (404, 422):
            # A user or device that is not there, a password that breaks the rule: the
            # admin's own input, worded by the server; a 403 stays AuthFailed.
            raise AdminRefused(_detail(response) or "the server refused it")
        if refused is ApprovalDenied and response.status_code in (403, 429):
            raise refused(_detail(response) or "the server refused it")
        _raise_for_status(response, path)
        if answer is None:
            return None
        return _answer(response, path, answer)

    def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any,
        params: Any,
        token: str | None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
    ) -> requests.Response:
        refuse_plain_http(self.base_url, allowed=self._allow_plain_http)
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = f"{self.base_url}{API_PREFIX}{path}"
        try:
            return self._http.request(
                method,
                url,
                json=json,
                params=params,
                data=data,
                headers=headers,
                timeout=self._timeouts,
                verify=self._verify,
                stream=stream,
            )
        except requests.RequestException as error:
            raise ServerUnreachable(self._unreachable(error)) from None

    def _unreachable(self, error: requests.RequestException) -> str:
        """The words of a failed request; ``CertificateRefused`` for a certificate."""
        where = f"the server at {self.base_url}"
        if isinstance(error, requests.exceptions.SSLError):
            found = _TLS.search(str(error))
            reason = found.group(1) if found else "the TLS handshake failed"
            message = f"refused {where}: its certificate is not trusted ({reason})"
            raise CertificateRefused(message, kind=_certificate_kind(str(error))) from None
        if isinstance(error, requests.Timeout):
            return f"{where} did not answer within {self._timeouts[1]:g} s"
        found = _ERRNO.search(str(error))
        reason = found.group(1).strip() if found else type(error).__name__
        return f"cannot reach {where}: {reason}"


_CERTIFICATE_KINDS = (
    (("self-signed", "self signed", "unable to get local issuer", "unknown ca", "untrusted"),
     CertificateRefused.UNTRUSTED),
    (("hostname", "ip address mismatch", "doesn't match"), CertificateRefused.NAME_MISMATCH),
    (("expired",), CertificateRefused.EXPIRED),
)  # fmt: skip


def _certificate_kind(text: str) -> str:
    """What OpenSSL's verify error says, as one of ``CertificateRefused``'s kinds."""
    lowered = text.lower()
    for words, kind in _CERTIFICATE_KINDS:
        if any(word in lowered for word in words):
            return kind
    return CertificateRefused.OTHER


class _Users(pydantic.RootModel[list[UserAccountPublic]]):
    pass


class _Devices(pydantic.RootModel[list[DevicePublic]]):
    pass


def _session(base_url: str) -> requests.Session:
    http = requests.Session()
    # Not the environment's CA bundle or .netrc: one CA setting, and no stray credentials.
    http.trust_env = False
    http.proxies = requests.utils.get_environ_proxies(base_url)
    # The server refuses pushes from desks below its minimum version by this (426).
    http.headers["User-Agent"] = user_agent(__version__)
    return http


_CHUNK = 256 * 1024
SNAPSHOT_PATH = "/sync/snapshot"
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


def _document_size(response: requests.Response, path: str, *, offset: int) -> int:
    """The whole document's size: a 206 says it in Content-Range (and must start at
    ``offset``); a 200 is the whole content (only when asked from the start)."""
    if response.status_code == 200 and offset == 0:
        length = response.headers.get("Content-Length", "")
        if not length.isdigit():
            raise ProtocolError(f"{path}: the server gave no Content-Length")
        return int(length)
    found = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
    if response.status_code != 206 or found is None or int(found.group(1)) != offset:
        raise ProtocolError(f"{path}: the server did not resume at byte {offset}")
    return int(found.group(3))


def _range_size(response: requests.Response, path: str) -> int:
    found = re.match(r"^bytes \*/(\d+)$", response.headers.get("Content-Range", ""))
    if found is None:
        raise ProtocolError(f"{path}: a refused range without the document's size")
    return int(found.group(1))


def _refresh_body(refresh_token: str) -> dict[str, str]:
    try:
        return RefreshRequest(refresh_token=refresh_token).model_dump()
    except pydantic.ValidationError:
        raise AuthFailed("the stored session token is malformed; log in again") from None


def _answer(response: requests.Response, path: str, answer: type[Model]) -> Model:
    try:
        return answer.model_validate_json(response.content)
    except pydantic.ValidationError as error:
        raise ProtocolError(
            f"{path}: the server's answer is not a valid {answer.__name__} "
            f"({error.error_count()} problems, first: {_first_problem(error)})"
        ) from None


def _page_end(response: requests.Response, path: str) -> PullPageEnd:
    try:
        return PullPageEnd.model_validate_json(response.content)
    except pydantic.ValidationError:
        _answer(response, path, PullPage)  # it fails too, and names what is wrong
        raise


def _raise_for_status(response: requests.Response, path: str) -> None:
    code = response.status_code
    if code < 400:
        return
    detail = _detail(response)
    if code == TOO_OLD_STATUS:
        raise DeskTooOld(detail or "the server takes no pushes from this desk's version",
                         versions=_too_old_versions(response))  # fmt: skip
    if code == 401 and response.headers.get(ACCESS_HEADER) == TAKEN_BACK:
        raise AccessRevoked(detail or "an admin took this login's access back")
    if code in (401, 403) or (code == 429 and path.startswith("/auth/")):
        # 429 on login: too many failed sign-ins; the detail says when to try again.
        raise AuthFailed(detail or "the server refused the credentials")
    if code >= 500:
        raise ServerUnreachable(f"the server failed on {path} (HTTP {code}): {detail}")
    raise ProtocolError(f"the server rejected {path} (HTTP {code}): {detail}")


def _too_old_versions(response: requests.Response) -> DeskVersions | None:
    """The versions a 426 names (None: its body is not a ``DeskTooOldBody``)."""
    try:
        body = DeskTooOldBody.model_validate_json(response.content)
    except pydantic.ValidationError:
        return None
    return DeskVersions(current=body.current, minimum=body.minimum, download_url=body.download_url)


def _detail(response: requests.Response) -> str:
    """The server's ``detail`` message, or a short excerpt of whatever it sent."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip()
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    return str(detail if detail is not None else body)[:200]


def _first_problem(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"
