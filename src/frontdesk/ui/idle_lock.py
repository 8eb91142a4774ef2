"""The desk locks itself: at start (a later start opens on the sign-in screen) and when idle.

Idle means no key press and no mouse use anywhere in the application: an event filter on
the application restarts a single-shot timer at each such event, and the timer's end locks
the desk behind its lock screen with the last user's name filled in. While the desk is
locked the timer waits; the next sign-in starts it again. ``FRONTDESK_IDLE_LOCK_MINUTES``
sets the time (0: never).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from frontdesk.ui.lock_screen import LockScreen

#: What counts as someone at the desk: keys, clicks, the wheel, the mouse moving.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Locks ``screen`` after ``interval_ms`` without input to the application.

    The lock keeps the name of whoever signed in last, so they type only their password.
    """

    def __init__(self, screen: LockScreen, *, interval_ms: int, username: str = "") -> None:
        super().__init__(screen)
        self._screen, self.username = screen, username
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        screen.unlocked.connect(self._on_screen_unlocked)
        screen.locked.connect(self.timer.stop)
        app = QApplication.instance()
        assert app is not None, "the application exists before the desk window"
        app.installEventFilter(self)
        if not screen.is_locked():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # restart: the idle time counts from the last input
        return False

    def _on_timer_timeout(self) -> None:
        self._screen.lock(self.username)

    def _on_screen_unlocked(self, username: str) -> None:
        self.username = username
        self.timer.start()


def guard_desk(
    screen: LockScreen, *, username: str, locked: bool, idle_minutes: int
) -> IdleLock | None:
    """Lock the desk now if ``locked`` (a later start), and after ``idle_minutes`` idle
    (none when 0); the idle lock, if any."""
    if locked:
        screen.lock(username)
    if idle_minutes <= 0:
        return None
    return IdleLock(screen, interval_ms=idle_minutes * 60_000, username=username)
