"""``python -m tasks_api migrate | downgrade``."""

from pathlib import Path

from reform_common.cli import main

from tasks_api.settings import Settings

main(Path(__file__).parent, Settings)
