"""``python -m leadmodel``: the same as the ``leadmodel`` command."""

from leadmodel.cli import main

raise SystemExit(main())
