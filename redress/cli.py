"""The operator's one entry point: `redress demo`, `redress serve`, `redress policy-coverage`, ...

These are Django management commands; dashes and underscores are interchangeable.
"""

import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] in ("demo", "demo-code", "demo_code", "generate-data", "generate_data"):
        # The demo (and data generated for it) runs on this machine only, over plain HTTP, with a development key.
        os.environ.setdefault("DEBUG", "true")
    if args:
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["redress", *args])


if __name__ == "__main__":
    main()
