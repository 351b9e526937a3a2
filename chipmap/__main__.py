"""``python -m chipmap`` runs the CLI."""

from chipmap.cli import main

main()
