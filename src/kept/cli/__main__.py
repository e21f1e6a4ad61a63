"""``python -m kept.cli`` runs the ``kept`` command."""

from kept.cli import main

main()
