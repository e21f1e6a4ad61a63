"""``python -m kept.cli`` runs the ``kept`` command."""

from kept.cli import main

if __name__ == "__main__":  # not when a worker process (kept scan's) imports the main module
    main()
