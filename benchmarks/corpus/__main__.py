"""``python -m benchmarks.corpus``."""

import sys

from benchmarks.corpus.command import main

sys.exit(main())
