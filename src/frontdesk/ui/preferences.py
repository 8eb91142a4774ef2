"""What the agent chose (language, theme) and how they left the window, kept in QSettings.

Language and theme belong to the person at the machine and are shared by every desk on it;
window geometry, splitters and column widths belong to one desk (one data directory), so
several desks run side by side on one machine without overwriting each other's layout.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "Frontdesk"
APPLICATION = "frontdesk"
LANGUAGES = ("system", "en", "ru")
THEMES = ("system", "light", "dark")
_DESKS = "desks"


def desk_key(data_dir: Path) -> str:
    """A short stable key for one data directory (its resolved path, hashed)."""
    return hashlib.sha256(str(data_dir.expanduser().resolve()).encode()).hexdigest()[:16]


def user_settings() -> QSettings:
    """The per-user INI file (``QSettings.setPath`` moves it; tests point it at a temp dir)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


class Preferences:
    """The agent's choices and one desk's window state over a QSettings store.

    Without a store (``Preferences()``) everything lives in memory and nothing is written,
    which is what the smoke run and most tests want.
    """

    def __init__(self, store: QSettings | None = None, *, desk: str = "default") -> None:
        self._store = store
        self._memory: dict[str, object] = {}
        self.desk = desk

    @classmethod
    def for_data_dir(cls, data_dir: Path, store: QSettings | None = None) -> Preferences:
        return cls(store if store is not None else user_settings(), desk=desk_key(data_dir))

    @property
    def language(self) -> str:
        return self._choice("language", LANGUAGES)

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", _checked(value, LANGUAGES, "language"))

    @property
    def theme(self) -> str:
        return self._choice("theme", THEMES)

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("theme", _checked(value, THEMES, "theme"))

    def window_state(self, name: str) -> QByteArray | None:
        """A saved ``saveGeometry``/``saveState`` blob of this desk, or None."""
        value = self._get(f"{self._desk_prefix()}/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, state: QByteArray) -> None:
        self._set(f"{self._desk_prefix()}/{name}", state)

    def sync(self) -> None:
        if self._store is not None:
            self._store.sync()

    def _desk_prefix(self) -> str:
        return f"{_DESKS}/{self.desk}"

    def _choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self._get(key)
        # A hand-edited or newer-version value falls back to the default rather than failing.
        return value if isinstance(value, str) and value in allowed else allowed[0]

    def _get(self, key: str) -> object:
        if self._store is None:
            return self._memory.get(key)
        return self._store.value(key)

    def _set(self, key: str, value: object) -> None:
        if self._store is None:
            self._memory[key] = value
        else:
            self._store.setValue(key, value)


def _checked(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")
    return value
