"""The one error type of coursekit and its exit statuses.

Every coursekit command returns one of three statuses:

* :data:`OK` (0): nothing to report;
* :data:`FINDINGS` (1): the command ran and found something the author must
  act on (check findings, ``clean --check`` changes, stale twins, off-site
  references, build-log problems, a failed build or test run);
* :data:`ERROR` (2): the command could not do its job (usage error, unreadable
  or malformed file, refused write, bad ``[tool.coursekit]`` setting,
  interrupted, output closed early).
"""

from __future__ import annotations

OK = 0
FINDINGS = 1
ERROR = 2


class CourseKitError(Exception):
    """An error reported to the user as one line; ``exit_code`` is the CLI status.

    Parameters
    ----------
    message : str
        Human-readable description; line breaks are folded into spaces so the
        message always prints as one line.
    exit_code : int, optional
        Process exit status the CLI should return (default :data:`ERROR`).
    """

    def __init__(self, message: str, exit_code: int = ERROR) -> None:
        super().__init__(" ".join(str(message).split("\n")).strip())
        self.exit_code = exit_code
