"""The window's side of cases: open a case in its view, run its writes, show it again.

Every read and write runs as a background operation on ``DeskCases``; results come back on
the main thread. A write that the desk refuses (a move no longer allowed, an empty comment)
shows its reason inline on the view and keeps what the agent typed; one that went through
shows the case again with its new (pending) history line, and says so by ``case_written``,
which the queues and their counts follow.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from frontdesk.services.cases.attachments import AttachmentUnavailable
from frontdesk.services.cases.desk import DeskCases
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.bundle import CaseBundle, load_bundle
from frontdesk.ui.cases.case_start import CaseStart
from frontdesk.ui.cases.case_view import CaseView, ui_language
from frontdesk.ui.cases.new_case_dialog import NewCaseDialog

Submit = Callable[..., None]
CASE_CHANNEL = "case-view"


def _now() -> datetime:
    return datetime.now(UTC)


class CaseFlows(QObject):
    """Opens cases and runs their writes for one window; it outlives language rebuilds.

    Args:
        cases: the desk's cases.
        submit: runs a background operation (``OpRunner.submit``).
        parent: the window; the views open over it.
        clock: what "now" is for overdue (tests fix it).

    Signals:
        case_shown(str): the view shows this case id as the cache has it now.
        new_case_shown(str): the new case dialog for this customer id is open.
        case_written(str): a write on this case id is in the cache and the outbox.
        open_failed(str): a case could not be shown; the text says why.
        attachment_opened(str): an attachment was saved to this temporary file and handed
            to the system to open.
    """

    case_shown = Signal(str)
    new_case_shown = Signal(str)
    case_written = Signal(str)
    open_failed = Signal(str)
    attachment_opened = Signal(str)

    def __init__(
        self,
        cases: DeskCases,
        *,
        submit: Submit,
        parent: QWidget,
        clock: Callable[[], datetime] = _now,
        opener: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self.cases = cases
        self._submit = submit
        self._parent = parent
        self._clock = clock
        self.clock = clock  # the queues and the card say "overdue" by the same "now"
        self.view: CaseView | None = None
        self.new_dialog: NewCaseDialog | None = None

    def open_case(self, case_id: str) -> CaseView:
        """Show the case (one view at a time: a new case replaces the one on screen)."""
        if self.view is not None and isValid(self.view):
            self.view.close()
        view = CaseView(self._parent)
        view.comment_requested.connect(
            lambda body, visibility: self._write(
                view,
                lambda: self.cases.comment(view.bundle.case.id, body, visibility=visibility),
                clear_comment=True,
            )
        )
        view.status_requested.connect(
            lambda status: self._write(
                view, lambda: self.cases.change_status(view.bundle.case.id, status)
            )
        )
        view.assign_requested.connect(
            lambda user, team: self._write(
                view, lambda: self.cases.assign(view.bundle.case.id, user=user, team=team)
            )
        )
        view.attach_requested.connect(
            lambda path, visibility: self._write(
                view,
                lambda: self.cases.attach(view.bundle.case.id, path, visibility=visibility),
            )
        )
        view.open_attachment_requested.connect(
            lambda attachment_id: self._open_attachment(view, attachment_id)
        )
        view.resolution_chosen.connect(
            lambda conflict_id, choice: self._write(
                view, lambda: self.cases.resolve_conflict(conflict_id, choice)
            )
        )
        view.finished.connect(view.deleteLater)
        self.view = view
        self._load(view, case_id)
        return view

    def new_case(
        self, customer_id: str, customer_name: str, *, start: CaseStart | None = None
    ) -> None:
        """Ask what the dialog lists (categories, teams, whether this desk can number cases),
        then show it, started from ``start`` (links, a contact's words); an opened case shows
        in its view."""
        cases = self.cases
        self._submit(
            lambda: (cases.categories(), cases.teams(), cases.agent(), cases.cannot_open()),
            on_success=lambda found: self._show_new(
                customer_id, customer_name, start or CaseStart(), *found
            ),
            on_failure=self.open_failed.emit,
        )

    def _show_new(self, customer_id, customer_name, start, categories, teams, agent, why):
        dialog = NewCaseDialog(
            customer_name, categories=categories, teams=teams, agent=agent,
            language=ui_language(), links=start.links, about=start.about, cannot_open=why,
            description=start.description, channel=start.channel, parent=self._parent,
        )  # fmt: skip
        dialog.submitted.connect(lambda fields: self._on_new_submitted(dialog, customer_id, fields))
        dialog.finished.connect(dialog.deleteLater)
        self.new_dialog = dialog
        dialog.open()
        self.new_case_shown.emit(customer_id)

    def _on_new_submitted(self, dialog: NewCaseDialog, customer_id: str, fields: dict) -> None:
        self._submit(
            lambda: self.cases.open(customer_id, **fields),
            on_success=lambda case: self._on_opened(dialog, case.id),
            on_failure=lambda message: dialog.show_error(message) if isValid(dialog) else None,
        )

    def _on_opened(self, dialog: NewCaseDialog, case_id: str) -> None:
        if isValid(dialog):
            dialog.accept()
        self.case_written.emit(case_id)
        self.open_case(case_id)

    def open_number(self, text: str) -> None:
        """Open the case whose number was typed; say so in ``open_failed`` if there is none."""
        self._submit(
            lambda: self.cases.find_number(text),
            on_success=lambda found: self._on_number_found(text, found),
            on_failure=self.open_failed.emit,
        )

    def _on_number_found(self, text: str, found: Any) -> None:
        if found is None:
            self.open_failed.emit(texts.tr("No case %1 at this desk.").replace("%1", text.strip()))
        else:
            self.open_case(found.id)

    def _load(self, view: CaseView, case_id: str) -> None:
        self._submit(
            lambda: load_bundle(self.cases, case_id, self._clock()),
            on_success=lambda bundle: self._on_loaded(view, case_id, bundle),
            on_failure=self.open_failed.emit,
            channel=CASE_CHANNEL,
        )

    def _on_loaded(self, view: CaseView, case_id: str, bundle: CaseBundle | None) -> None:
        if not isValid(view):
            return
        if bundle is None:
            view.close()
            self.open_failed.emit(texts.tr("Case %1 is not in the local cache.").replace(
                "%1", case_id))  # fmt: skip
            return
        view.show_case(bundle)
        if not view.isVisible():
            view.open()
        self.case_shown.emit(case_id)

    def _open_attachment(self, view: CaseView, attachment_id: str) -> None:
        """Fetch (the first time) and save a copy in a private temporary folder, in the
        background; then the system opens it with whatever it opens such files with."""
        cases = self.cases
        self._submit(
            lambda: _saved_copy(cases, attachment_id),
            on_success=lambda saved: self._on_attachment_saved(view, saved),
            on_failure=lambda message: view.show_error(message) if isValid(view) else None,
        )

    def _on_attachment_saved(self, view: CaseView, saved: Path | _Unavailable) -> None:
        if isinstance(saved, _Unavailable):
            if isValid(view):
                view.show_error(texts.tr(
                    "%1 is not available offline: it opens once the desk is online again."
                ).replace("%1", saved.file_name))  # fmt: skip
            return
        self._opener(QUrl.fromLocalFile(str(saved)))
        self.attachment_opened.emit(str(saved))

    def _write(self, view: CaseView, work: Callable[[], Any], *, clear_comment: bool = False):
        case_id = view.bundle.case.id if view.bundle is not None else ""
        self._submit(
            work,
            on_success=lambda _result: self._on_written(view, case_id, clear_comment),
            on_failure=lambda message: view.show_error(message) if isValid(view) else None,
        )

    def _on_written(self, view: CaseView, case_id: str, clear_comment: bool) -> None:
        if isValid(view):
            if clear_comment:
                view.comment_edit.clear()
            self._load(view, case_id)
        self.case_written.emit(case_id)


@dataclass(frozen=True, slots=True)
class _Unavailable:
    """The content is not at the desk and the server cannot be asked now."""

    file_name: str


def _saved_copy(cases: DeskCases, attachment_id: str) -> Path | _Unavailable:
    """The attachment's content in a new private temporary folder under its own name (a
    worker thread: no widget here)."""
    try:
        attachment, content = cases.attachment_content(attachment_id)
    except AttachmentUnavailable as error:
        if not error.offline:
            raise  # the server's refusal or a damaged copy: its own words
        return _Unavailable(error.file_name)
    folder = Path(tempfile.mkdtemp(prefix="frontdesk-attachment-"))  # 0700
    path = folder / attachment.file_name
    path.write_bytes(content)
    path.chmod(0o600)
    return path
