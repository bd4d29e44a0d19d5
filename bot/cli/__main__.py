"""``python -m bot.cli``: the ``newsbot`` command without installing its script."""

from bot.cli.entry import main

raise SystemExit(main())
