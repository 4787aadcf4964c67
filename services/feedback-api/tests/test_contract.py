"""The service conventions every service keeps (health, metrics, OpenAPI,
JWT verification against the gateway's JWKS, problem+json, migrations)."""

from pathlib import Path

from reform_common.testing import JWKSRotationContract, ServiceContract

import feedback_api


class TestContract(ServiceContract, JWKSRotationContract):
    prefix = "feedback"
    package_dir = Path(feedback_api.__file__).parent
