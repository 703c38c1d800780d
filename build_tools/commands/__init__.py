"""One module per `fanzha` subcommand (found automatically by cli.py)."""
