from pathlib import Path

from reform_common.testing import app_fixture

import indicators_api
from indicators_api.main import create_app
from indicators_api.settings import Settings

app = app_fixture(create_app, Settings, Path(indicators_api.__file__).parent)
