"""`python -m hezo_desk` runs the same entry point as the `hezo-desk` command."""

import sys

from hezo_desk.entry import main

sys.exit(main())
