"""A keyboard-wedge barcode scanner, heard from any focus in the till window.

A scanner types a code's digits and Enter faster than any hand: a few milliseconds apart. The
filter sits on the application (so it sees each key before the focused widget does) and
lets every key through as it comes: it cannot know a scan from typing until the Enter. When
an Enter ends a burst of at least ``MIN_DIGITS`` digits, each within ``MAX_GAP_S`` of the
one before, it eats that Enter, puts the focused field back as it was before the burst's
first digit (so a cashier's half-typed amount is never lost or changed), and emits
``scanned``. Anything slower, shorter or mixed with other keys is typing and is left alone:
the Enter then does what it does in that field. Why not one scan field that always has the
focus: the cashier types amounts and names in other fields, and a scan must still land in
the basket while they do.

Fields that take codes themselves are marked: with ``take_scans`` (the basket's scan field)
a burst there is theirs; with ``share_scans`` (the customer search, which takes a loyalty
card) it is theirs unless it is a product's barcode, which only the catalogue can tell (off
the main thread): the filter eats the Enter and emits ``field_scanned`` with a
``FieldScan``, whose ``give_back`` puts the field back as it was (the code went to the
basket) and whose ``keep`` lets the field have its Enter after all (a loyalty card). Keys
for dialogs and other windows are never looked at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

#: EAN-8 is the shortest barcode a product carries; a person types amounts shorter than this.
MIN_DIGITS = 8
#: Scanners send a key every 1-20 ms; the fastest typist needs 50 ms or more between keys.
MAX_GAP_S = 0.035
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: A scanner may send its digits from the keypad; any other modifier is a person's chord.
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
_TAKES_SCANS = "frontdeskTakesScans"
_SHARES_SCANS = "frontdeskSharesScans"


@dataclass(frozen=True, slots=True)
class FieldScan:
    """A burst scanned into a field that takes codes itself, its Enter held back."""

    code: str
    field: QLineEdit
    before: tuple[str, int]

    def give_back(self) -> None:
        """The code was a product's: the field as it was before the burst."""
        _restore(self.field, self.before)

    def keep(self) -> None:
        """The code is the field's: it gets its Enter now."""
        self.field.returnPressed.emit()


def _restore(field: QLineEdit, before: tuple[str, int]) -> None:
    field.setText(before[0])
    field.setCursorPosition(before[1])
    # What follows the field as it is typed (to pay, change due) follows it back.
    field.textEdited.emit(before[0])


def take_scans(widget: QWidget) -> None:
    """``widget`` reads codes itself: a burst typed into it is left to it."""
    widget.setProperty(_TAKES_SCANS, True)


def share_scans(field: QLineEdit) -> None:
    """``field`` reads codes too, but not products' barcodes: those go to the basket."""
    field.setProperty(_SHARES_SCANS, True)


class ScanFilter(QObject):
    """Hears a scanner's bursts in one window, whatever has the focus there.

    Args:
        window: the till window whose keys it listens to.
        clock: seconds, monotonic (a test may pass its own).

    Signals:
        scanned(str): a scanner sent these digits, ended by Enter.
        field_scanned(FieldScan): the same, into a field that takes codes itself.
    """

    scanned = Signal(str)
    field_scanned = Signal(object)

    def __init__(self, window: QWidget, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self._window, self._clock = window, clock
        self._digits = ""
        self._last = 0.0
        self._target: QWidget | None = None
        self._before: tuple[str, int] | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        # The focused widget is the first to receive a key; the same event passed on to its
        # parents is not heard again.
        focus = QApplication.focusWidget()
        if watched is not (focus or self._window) or not self._mine(watched):
            return False
        return self._key(watched, event)

    def _mine(self, watched: QObject) -> bool:
        return (
            isinstance(watched, QWidget)
            and watched.window() is self._window
            and not watched.property(_TAKES_SCANS)
        )

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        now = self._clock()
        fast = bool(self._digits) and now - self._last <= MAX_GAP_S and watched is self._target
        self._last = now
        if event.isAutoRepeat() or event.modifiers() not in _PLAIN:
            self._reset()
            return False
        if event.key() in _ENTER:
            return self._ended(fast)
        text = event.text()
        if len(text) == 1 and text.isdigit():
            if not fast:
                self._start(watched)
            self._digits += text
            return False
        self._reset()
        return False

    def _start(self, watched: QObject) -> None:
        self._digits = ""
        self._target = watched if isinstance(watched, QWidget) else None
        edit = watched if isinstance(watched, QLineEdit) else None
        self._before = (edit.text(), edit.cursorPosition()) if edit is not None else None

    def _ended(self, fast: bool) -> bool:
        code, target, before = self._digits, self._target, self._before
        self._reset()
        if not fast or len(code) < MIN_DIGITS:
            return False
        if isinstance(target, QLineEdit) and before is not None:
            if target.property(_SHARES_SCANS):
                self.field_scanned.emit(FieldScan(code, target, before))
                return True
            _restore(target, before)
        self.scanned.emit(code)
        return True

    def _reset(self) -> None:
        self._digits, self._target, self._before = "", None, None
