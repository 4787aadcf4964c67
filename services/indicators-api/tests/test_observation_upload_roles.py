"""Found by the authorization matrix (tests/e2e/authz_matrix.py): any signed-in user, leaders included, could
upload an observation file and have its preview stored. Uploading is entering data: the office, special groups
and lead units only."""

from reform_common.demo import unit_uuid

API = "/api/indicators/v1"
CSV = "指标代码,地区,期间,数值,来源\nSL-03,杭州,2026-Q2,96.5,省平台\n".encode()


async def test_only_the_roles_that_enter_data_upload_it(client, as_user, tokens):
    upload = {"file": ("数据.csv", CSV, "text/csv")}
    unit_only = tokens.headers(roles=["unit"], unit_id=unit_uuid("xihu"), unit_code="xihu", username="xihu")
    for headers in (as_user("leader"), unit_only):
        resp = await client.post(f"{API}/observations/imports", headers=headers, files=upload)
        assert (resp.status_code, resp.json()["code"]) == (403, "forbidden")
    assert (await client.post(f"{API}/observations/imports", headers=as_user("scjg"), files=upload)).status_code == 201
