"""``python -m frontdesk`` and the ``frontdesk`` console script: the client entry point."""

import multiprocessing
import sys

from frontdesk.cli import main

if __name__ == "__main__":
    # In a PyInstaller bundle the window's sync process is this executable started again:
    # this turns that start into the child's work instead of a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
