"""Schemathesis fuzzes every OpenAPI document the gateway serves, as each role and anonymously: no 5xx,
and every response documented (status code, content type, body schema).

Examples are derandomized, so a run is the same every time. The fuzzer writes through every write
endpoint, locks out accounts and trips the rate limits, so it runs against a platform of its own
rather than the shared e2e stack: nothing has to be left out. The access tokens are taken before any
fuzzing, so neither a lockout nor the login rate limit can stop a role half-way."""

import secrets
from collections.abc import Iterator

import httpx
import pytest
import requests
import schemathesis
from gateway.main import rate_limit_rules
from gateway.settings import GatewaySettings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from reform_common.demo import DEMO_PASSWORD, unit_uuid
from reform_common.devstack import SERVICES, Stack
from reform_common.testing import free_port_block
from requests.adapters import HTTPAdapter
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

# role → demo account; the demo directory has no special-group account, so one is made for the run.
ACCOUNTS = {
    "reform_office": "office",
    "group_lead": "fuzz_group_lead",
    "lead_unit": "fgw",
    "unit": "scjg",
    "district": "xihu",
    "leader": "leader",
    "hotline": "hotline",
    "auditor": "auditor",
    "anonymous": None,
}
DOCUMENTS = [spec.prefix for spec in SERVICES]
# Positive (schema-valid) and negative (schema-violating) examples per operation. Validation runs after
# the role checks, so the widest role and the public (the internet-facing surface) get negative ones;
# every other role gets one valid call per operation: its own scoping, 403s and response shapes.
EXAMPLES = {"reform_office": (1, 2), "anonymous": (2, 2)}
OTHER_ROLES = (1, 0)

CONFIG = SchemathesisConfig.from_dict({
    "generation": {"with-security-parameters": False},
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
    },
    "request-timeout": 30,
})


class FromOwnAddress(HTTPAdapter):
    """The fuzzer calls from 127.0.0.2, so the rate limits it trips are its own: the services call the
    gateway from 127.0.0.1 (service tokens, the unit directory), as they would from their own hosts."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, source_address=("127.0.0.2", 0), **kwargs)


@pytest.fixture(scope="module")
def fuzz_stack(pg_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("fuzz")
    platform = Stack(
        server_url=pg_server_url,
        port=free_port_block(),
        databases={s.package: f"fuzz_{s.database}" for s in SERVICES},
        spa_dir=work / "spa",
        key_file=work / "keys" / "jwt.pem",
        storage_dir=work / "uploads",
        service_secret=secrets.token_urlsafe(16),
        log_dir=work,
    )
    platform.prepare(recreate=True)
    platform.start()
    try:
        platform.wait_ready()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="module")
def fuzz_url(fuzz_stack: Stack) -> str:
    return fuzz_stack.url(SERVICES[0])


@pytest.fixture(scope="module")
def fuzz_headers(fuzz_url: str) -> dict[str, dict[str, str]]:
    """role → the Authorization header of its account, every one logged in before any fuzzing."""
    with httpx.Client(base_url=fuzz_url, timeout=30) as http:
        def login(username: str) -> dict[str, str]:
            resp = http.post("/api/auth/v1/login", json={"username": username, "password": DEMO_PASSWORD})
            assert resp.status_code == 200, resp.text
            return {"Authorization": f"Bearer {resp.json()['access_token']}"}

        resp = http.post("/api/auth/v1/users", headers=login("office"), json={
            "username": ACCOUNTS["group_lead"], "display_name": "市场环境专项小组", "password": DEMO_PASSWORD,
            "unit_id": str(unit_uuid("fgw")), "roles": ["group_lead"], "environment": "market"})
        assert resp.status_code == 201, resp.text
        return {role: login(user) if user else {} for role, user in ACCOUNTS.items()}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_what_the_gateway_rate_limits_documents_its_429(document: str, fuzz_url: str) -> None:
    rules = rate_limit_rules(GatewaySettings())
    paths = httpx.get(f"{fuzz_url}/api/{document}/openapi.json", timeout=30).json()["paths"]
    for path, item in paths.items():
        for method, operation in item.items():
            limited = any(m in (method.upper(), "*") and path.startswith(prefix) for m, prefix, _ in rules)
            assert ("429" in operation["responses"]) == limited, (method, path)


@pytest.mark.parametrize("role", ACCOUNTS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_operation_as_every_role(document: str, role: str, fuzz_url: str, fuzz_headers: dict) -> None:
    resp = httpx.get(f"{fuzz_url}/api/{document}/openapi.json", timeout=30)
    assert resp.status_code == 200
    schema = schemathesis.openapi.from_dict(resp.json(), config=CONFIG)
    failures = []
    budget = zip((GenerationMode.POSITIVE, GenerationMode.NEGATIVE), EXAMPLES.get(role, OTHER_ROLES), strict=True)
    modes = [(mode, settings(max_examples=n, derandomize=True, database=None, deadline=None,
                             phases=[Phase.generate], suppress_health_check=list(HealthCheck)))
             for mode, n in budget if n]
    with requests.Session() as session:
        session.mount("http://", FromOwnAddress())
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode, fuzz in modes:
                @fuzz
                @given(case=operation.as_strategy(generation_mode=mode))
                def call(case: schemathesis.Case) -> None:
                    case.call_and_validate(base_url=fuzz_url, session=session, headers=fuzz_headers[role])

                try:
                    call()
                except Unsatisfiable:  # no parameters or body: nothing to violate
                    assert mode is GenerationMode.NEGATIVE
                except (Exception, schemathesis.errors.FailureGroup) as exc:  # report every failing operation
                    failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, f"{len(failures)} failing operations:\n\n" + "\n\n".join(failures)
