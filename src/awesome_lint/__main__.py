import sys

from awesome_lint.cli import main

sys.exit(main())
