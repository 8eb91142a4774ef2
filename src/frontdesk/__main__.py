"""``python -m frontdesk`` and the ``frontdesk`` console script: the client entry point."""

import sys

from frontdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
