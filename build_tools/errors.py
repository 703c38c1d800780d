"""Exceptions the CLI turns into exit codes."""
from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or an unusable folder; printed, exit code 2."""


class BuildStepError(Exception):
    """A step after MkDocs (search index, kits) failed; the message says how to fix it.
    The plugin turns it into a PluginError, so builds stop with this message, not a traceback."""
