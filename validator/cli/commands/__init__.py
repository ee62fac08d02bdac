"""One module per subcommand, each with ``run(args) -> exit code``, imported only when it runs.

The options of every subcommand are in :mod:`validator.cli.parser`, which imports none of these.
"""
