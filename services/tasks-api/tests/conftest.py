from pathlib import Path

from reform_common.testing import app_fixture

import tasks_api
from tasks_api.main import create_app
from tasks_api.settings import Settings

app = app_fixture(create_app, Settings, Path(tasks_api.__file__).parent)
