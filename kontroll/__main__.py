"""``python -m kontroll``: the standalone checker (see :mod:`kontroll.cli`)."""

from kontroll.cli import main

raise SystemExit(main())
