"""The one exception a subcommand raises for bad user input."""


class UsageError(Exception):
    """Bad input from the user: printed as one line on stderr, exit code 2, no traceback."""
