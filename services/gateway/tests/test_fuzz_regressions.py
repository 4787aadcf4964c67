"""What the schemathesis fuzzer (tests/e2e/test_fuzz.py) found at the gateway, pinned here: every error
answer is problem+json and documented as such in the OpenAPI (reform_common.openapi)."""

PROBLEM = "application/problem+json"


async def test_a_body_that_is_not_utf8_is_a_documented_400(client):
    resp = await client.post("/api/auth/v1/login", content=b"'\xa7\x02\xfe",
                             headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.headers["content-type"] == PROBLEM
    doc = (await client.get("/api/auth/openapi.json")).json()
    documented = doc["paths"]["/api/auth/v1/login"]["post"]["responses"]
    assert {"400", "401", "422", "423", "429"} <= set(documented)


async def test_every_error_response_is_documented_as_a_problem(client):
    doc = (await client.get("/api/auth/openapi.json")).json()
    problem = {PROBLEM: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    if "$ref" in response:
                        response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                    assert response["content"] == problem, (method, path, status)
    # FastAPI's own 422 body (never sent: the handlers answer problem+json) is gone.
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    users = doc["paths"]["/api/auth/v1/users/{user_id}"]["patch"]["responses"]
    assert {"401", "403", "404", "409", "422"} <= set(users)


async def test_a_percent_encoded_newline_in_a_path_still_reaches_the_service(client):
    # Starlette's path convertor stopped at the newline, so the gateway answered its own problem+json 404
    # where the service (here an Open311 path) answers in its own format.
    resp = await client.get("/api/feedback/open311/v2/requests.x%0Ay")
    assert resp.headers["content-type"] != PROBLEM  # the upstream's answer, not the gateway's


async def test_an_integer_beyond_the_column_is_a_422_not_a_500(client, auth_headers):
    # asyncpg refused to encode it (DataError, SQLSTATE class 22000) before the query ran: an unmapped 500.
    resp = await client.post("/api/auth/v1/units", headers=await auth_headers("office"), json={
        "code": "fuzz-sort", "name": "排序溢出测试单位", "short_name": "溢出", "kind": "department",
        "sort_order": -179243900248647})
    assert resp.status_code == 422, resp.text
    assert resp.json()["code"] == "value_out_of_range"
