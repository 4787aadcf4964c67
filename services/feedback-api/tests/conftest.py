from pathlib import Path

from reform_common.testing import app_fixture

import feedback_api
from feedback_api.main import create_app
from feedback_api.settings import Settings

app = app_fixture(create_app, Settings, Path(feedback_api.__file__).parent)
