"""Exceptions the CLI turns into exit codes."""
from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or an unusable folder; printed, exit code 2."""
