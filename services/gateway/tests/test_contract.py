"""The gateway keeps the same service conventions as every service."""

from pathlib import Path

from reform_common.testing import ServiceContract

import gateway


class TestContract(ServiceContract):
    prefix = "auth"
    package_dir = Path(gateway.__file__).parent
