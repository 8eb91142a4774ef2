"""``python -m frontdesk`` and the ``frontdesk`` console script: the client entry point."""

import multiprocessing
import sys


def main() -> int:
    """Hand a window launch or screen pop to the window already open before anything heavy
    loads (``ui.handover``); else the full command line."""
    from frontdesk.ui.handover import quick_hand_over

    handed = quick_hand_over(sys.argv[1:])
    if handed is not None:
        return handed
    from frontdesk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    # In a PyInstaller bundle the window's sync process is this executable started again:
    # this turns that start into the child's work instead of a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
