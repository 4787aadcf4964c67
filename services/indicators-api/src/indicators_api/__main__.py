"""``python -m indicators_api migrate | downgrade``."""

from pathlib import Path

from reform_common.cli import main

from indicators_api.settings import Settings

main(Path(__file__).parent, Settings)
