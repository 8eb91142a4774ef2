"""Frontdesk: the frontline workstation for call-centre agents and branch cashiers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("frontdesk")
except PackageNotFoundError:  # running from a PyInstaller bundle without metadata
    __version__ = "0.1.0"
