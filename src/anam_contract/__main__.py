import sys

from anam_contract.cli import main

sys.exit(main())
