"""`anam-contract check`: the contract suite the package ships, run from any folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from anam_contract.cli._errors import UsageError
from anam_contract.spec import Spec, SpecError

_DESCRIPTION = """\
Run the contract suite installed with this package: schemathesis and the suite's own checks send
generated requests to the API and judge every answer against the spec, the documented rules and
the generated client.

By default the suite runs against the embedded mock (in-process: no request leaves the process),
even when ANAM_API_KEY is set. A live run happens only when asked for: --live runs against
ANAM_BASE_URL (default https://api.anam.ai), --base-url URL against URL, both with the key in
ANAM_API_KEY, which selects the organisation. A live run creates, changes and deletes only
personas named anam-contract-run-<id>-..., at most ANAM_CONTRACT_MAX_PERSONAS (default 20), and
deletes them at its end; its first lines name the URL, the organisation's key variable (never the
key) and the persona prefix. CONTRACT_LIVE=1 asks for a live run too (for plain pytest).

Settings are environment variables: ANAM_API_KEY, ANAM_BASE_URL, CONTRACT_EXAMPLES (cases per
operation and phase, default 8), CONTRACT_PHASES (examples,coverage,fuzzing,stateful),
CONTRACT_MODES (positive,negative: which generated cases, default both), CONTRACT_REPORTS_DIR
(default ./reports), ANAM_CONTRACT_MAX_PERSONAS (default 20), ANAM_OTHER_ORG_API_KEY,
ANAM_READ_ONLY_API_KEY, ANAM_AVATAR_ID, ANAM_VOICE_ID, ANAM_LLM_ID, ANAM_TOOL_ID, ANAM_AVATARS
(id:model:model,... the avatars and the models each renders), ANAM_VOICES (id:PROVIDER,...),
CONTRACT_APP (module:factory of an ASGI app to test in-process instead of the mock).
Every other argument goes to pytest (for example -k createPersona, -x, -n 2 with pytest-xdist).

Writes reports/contract-report.md, reports/contract-report.json and reports/contract-junit.xml
under the current folder (CONTRACT_REPORTS_DIR elsewhere); hypothesis keeps its examples in
<reports>/.contract/hypothesis."""

_EPILOG = """\
exit status:
  0    every test passed (or was skipped with its reason)
  1    the API differs from the spec (the differences are in the report)
  2    could not run: a bad setting or argument (--live without ANAM_API_KEY, a bad --base-url),
       a server that cannot be reached or refuses the key
  3    pytest could not run the suite (an internal error, no tests collected)
  130  interrupted; what the run created on a live server was still deleted"""

# Where hypothesis keeps its examples (and caches) under the reports folder, instead of a
# .hypothesis/ folder in whatever folder the run starts from.
_HYPOTHESIS_HOME = Path(".contract") / "hypothesis"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="run the contract suite against the embedded mock, or the live API with --live",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s [-h] [--spec FILE] [--live] [--base-url URL] [pytest arguments ...]",
        # No prefix of the options here may swallow a pytest option.
        allow_abbrev=False,
    )
    parser.add_argument(
        "--spec", type=Path, metavar="FILE", help="check against this spec instead of the one the package holds"
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="run against the live API at ANAM_BASE_URL (default https://api.anam.ai) with ANAM_API_KEY",
    )
    parser.add_argument("--base-url", metavar="URL", help="run against the live API at URL (implies --live)")
    # The arguments argparse does not know go to pytest (see cli.main).
    parser.set_defaults(run=_run, passes_arguments_on=True, pytest_arguments=[])


# How a user of this command asks for a live run (shown when a key in the environment was ignored).
_LIVE_HINT = "anam-contract check --live (or --base-url URL; make contract LIVE=1 in a checkout)"


def _run(args: argparse.Namespace) -> int:
    extra_env: dict[str, str] = {}
    if args.base_url is not None:
        from anam_contract.suite._settings import base_url_problem  # noqa: PLC0415

        problem = base_url_problem(args.base_url.strip())
        if problem is not None:
            raise UsageError(f"--base-url {problem}")
        extra_env["ANAM_BASE_URL"] = args.base_url.strip()
    if args.live or args.base_url is not None:
        extra_env["CONTRACT_LIVE"] = "1"
    if args.spec is not None:
        try:
            Spec.load(args.spec)
        except SpecError as error:
            raise UsageError(str(error)) from None
        extra_env["CONTRACT_SPEC"] = str(args.spec.absolute())
    # Imported here: the suite pulls in pytest, hypothesis and schemathesis, which no other
    # subcommand needs.
    from anam_contract.suite import command  # noqa: PLC0415
    from anam_contract.suite._reports import reports_dir  # noqa: PLC0415

    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY", "").strip():
        extra_env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(reports_dir() / _HYPOTHESIS_HOME)
    arguments = list(args.pytest_arguments)
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    try:
        return command.run(command.packaged_arguments(arguments), extra_env, live_hint=_LIVE_HINT)
    except command.CannotRun as error:
        raise UsageError(str(error)) from None
