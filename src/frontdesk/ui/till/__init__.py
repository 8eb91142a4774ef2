"""The branch till window: shifts, payments, refunds and voids, reports, receipts."""

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import TillDesk
from frontdesk.ui.knowledge.suggestions import KbSuggester
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.window import TillWindow

__all__ = ["TillLauncher", "TillWindow", "open_till_window"]


def open_till_window(
    parent: QWidget,
    desk: TillDesk,
    *,
    sync: SyncController | None = None,
    basket: TillBasket | None = None,
    knowledge: KbSuggester | None = None,
) -> TillWindow:
    """Show the till of ``desk`` in its own window (one per parent window), raised.

    With ``sync`` (the desk's background sync) the till reloads after each sync run; with
    ``basket`` it sells products, with ``knowledge`` it shows the basket's articles.
    """
    window = parent.findChild(TillWindow, "tillWindow")
    if window is None:
        window = TillWindow(desk, parent, sync=sync, basket=basket, knowledge=knowledge)
    elif window.isVisible():
        window.raise_()  # already open behind the main window: bring it up
    window.show()
    window.activateWindow()
    return window


class TillLauncher(QObject):
    """Desk > Till…: makes the desk's till off the UI thread, then opens its window.

    Args:
        make_desk: makes the desk's ``TillDesk`` (it reads the cache).
        make_basket: makes the basket of that till (None: the till takes typed amounts).
        action: Desk > Till…, which opens the till from now on (enabled here).
        submit: runs a background operation (``OpRunner.submit``).
        sync: the desk's background sync, which the till follows (None: no sync).
        parent: the main window, which the till window belongs to.
    """

    def __init__(
        self,
        make_desk: Callable[[], TillDesk],
        *,
        action: QAction,
        submit: Callable[..., None],
        sync: SyncController | None,
        parent: QWidget,
        make_basket: Callable[[TillDesk], TillBasket] | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_desk, self._submit, self._sync = make_desk, submit, sync
        self._make_basket = make_basket
        self._parent = parent
        action.triggered.connect(self.open)
        action.setEnabled(True)

    def open(self) -> None:
        self._submit(self._make, on_success=self._on_desk_made)

    def _make(self) -> tuple[TillDesk, TillBasket | None]:
        desk = self._make_desk()
        return desk, self._make_basket(desk) if self._make_basket is not None else None

    def _on_desk_made(self, made: tuple[TillDesk, TillBasket | None]) -> None:
        desk, basket = made
        # Looked up now: the main window gets its knowledge base after its till.
        ui = getattr(self._parent, "knowledge_ui", None)
        open_till_window(self._parent, desk, sync=self._sync, basket=basket,
                         knowledge=ui.suggester if ui is not None else None)  # fmt: skip
