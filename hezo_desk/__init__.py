"""HEZO Desk: the desktop support desk of HEZO's phone line, back office and supervisors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hezo-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
