"""The desk's writes from the window: log a contact, register or edit a customer, feedback.

Each flow gathers input in a dialog (or a button press), runs the write as a background
operation through ``DeskWrites`` and, on the main thread, closes the dialog and says which
customer was written (the window reloads it), or shows the refusal inline and keeps what the
agent typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from frontdesk.services.desk import DeskWrites
from frontdesk.services.read_models import CustomerProfile, RecommendationRow
from frontdesk.ui.widgets.contact_dialog import ContactDialog, ContactForm
from frontdesk.ui.widgets.new_customer_dialog import NewCustomerDialog
from frontdesk.ui.widgets.profile_editor import ProfileEditor

Submit = Callable[..., None]


class WriteFlows(QObject):
    """Runs the window's writes; one per window, it outlives language rebuilds.

    Args:
        writes: the desk's writes (None: a read-only window, where nothing here runs).
        submit: runs a background operation (``OpRunner.submit``).
        parent: the window; the dialogs open over it.

    Signals:
        contact_logged(str): an interaction with this customer id is in the outbox.
        customer_saved(str): this customer's edit is in the outbox (or nothing changed).
        customer_created(str): a new customer with this id is in the cache and the outbox.
        feedback_recorded(str, str): feedback (sku, outcome) is in the outbox.
        feedback_failed(str, str, str): feedback (sku, outcome) was refused; the text says why.
        write_failed(str): a write was refused; the text says why.
    """

    contact_logged = Signal(str)
    customer_saved = Signal(str)
    customer_created = Signal(str)
    feedback_recorded = Signal(str, str)
    feedback_failed = Signal(str, str, str)
    write_failed = Signal(str)

    def __init__(self, writes: DeskWrites | None, *, submit: Submit, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._submit = submit
        self.writes = writes
        self.dialog: ContactDialog | ProfileEditor | None = None

    def available(self) -> bool:
        return self.writes is not None

    # Log contact

    def log_contact(self, profile: CustomerProfile) -> ContactDialog:
        dialog = ContactDialog(profile.display_name, self._parent)
        dialog.submitted.connect(lambda form: self._on_contact_submitted(dialog, profile.id, form))
        self._open(dialog)
        return dialog

    def _on_contact_submitted(self, dialog: ContactDialog, customer_id: str, form: ContactForm):
        writes = self._writes()
        self._submit(
            lambda: writes.log_contact(
                customer_id,
                channel=form.channel,
                reason=form.reason,
                notes=form.notes,
                outcome=form.outcome,
                follow_up=form.follow_up,
            ),
            on_success=lambda _interaction: self._done(dialog, customer_id, self.contact_logged),
            on_failure=lambda message: self._refused(dialog, message),
        )

    # Edit profile

    def edit_profile(self, profile: CustomerProfile) -> ProfileEditor:
        dialog = ProfileEditor(profile, self._parent)
        dialog.submitted.connect(lambda changes: self._on_edit_submitted(dialog, profile, changes))
        self._open(dialog)
        return dialog

    def _on_edit_submitted(
        self, dialog: ProfileEditor, profile: CustomerProfile, changes: dict[str, Any]
    ) -> None:
        if not changes:
            self._done(dialog, profile.id, self.customer_saved)
            return
        writes = self._writes()
        self._submit(
            lambda: writes.edit_customer(profile.id, changes),
            on_success=lambda _entry: self._done(dialog, profile.id, self.customer_saved),
            on_failure=lambda message: self._refused(dialog, message),
        )

    # New customer

    def new_customer(self, query: str) -> NewCustomerDialog:
        dialog = NewCustomerDialog(query, self._parent)
        dialog.submitted.connect(lambda fields: self._on_new_submitted(dialog, fields))
        self._open(dialog)
        return dialog

    def _on_new_submitted(self, dialog: NewCustomerDialog, fields: dict[str, Any]) -> None:
        writes = self._writes()
        account = dialog.account_number()
        self._submit(
            lambda: writes.create_customer(fields, account_number=account),
            on_success=lambda customer_id: self._done(dialog, customer_id, self.customer_created),
            on_failure=lambda message: self._refused(dialog, message),
        )

    # Cross-sell feedback

    def record_feedback(self, customer_id: str, offer: RecommendationRow, outcome: str) -> None:
        writes = self._writes()
        self._submit(
            lambda: writes.crosssell_feedback(customer_id, offer, outcome),
            on_success=lambda _entry: self._on_feedback_recorded(offer.sku, outcome),
            on_failure=lambda message: self._on_feedback_failed(offer.sku, outcome, message),
        )

    def _on_feedback_recorded(self, sku: str, outcome: str) -> None:
        self.feedback_recorded.emit(sku, outcome)

    def _on_feedback_failed(self, sku: str, outcome: str, message: str) -> None:
        self.feedback_failed.emit(sku, outcome, message)
        self.write_failed.emit(message)

    # Shared

    def _writes(self) -> DeskWrites:
        if self.writes is None:
            raise RuntimeError("this window was built without the desk's writes")
        return self.writes

    def _open(self, dialog: ContactDialog | ProfileEditor) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _done(self, dialog: QObject, customer_id: str, signal: Any) -> None:
        if isValid(dialog):  # the agent may have closed it meanwhile; the write stands
            dialog.accept()  # type: ignore[attr-defined]
        signal.emit(customer_id)

    def _refused(self, dialog: ContactDialog | ProfileEditor, message: str) -> None:
        if isValid(dialog):
            dialog.show_error(message)
        self.write_failed.emit(message)
