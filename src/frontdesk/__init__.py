"""Frontdesk: the frontline workstation for call-centre agents and branch cashiers."""

from importlib.metadata import PackageNotFoundError, version

try:
    # pyproject.toml's version, as installed (the bundle carries the package metadata too).
    __version__ = version("frontdesk")
except PackageNotFoundError:  # a source tree run without installing: say so, never guess
    __version__ = "0+unknown"
