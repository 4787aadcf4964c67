"""Open311 GeoReport v2: JSON answers validated against the GeoReport v2 JSON
Schemas (copied in open311_schemas/), XML answers parsed and checked element
by element, form-encoded and JSON posts, api_key, errors, tokens, and a
generic client that only knows the specification."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

API = "/api/feedback/v1"
V2 = "/api/feedback/open311/v2"
SCHEMAS = Path(__file__).parent / "open311_schemas"
KEY = "demo-open311-key"


def _registry() -> Registry:
    resources = []
    for name in ("request.json", "requests.json", "service.json", "services.json", "service-definition.json"):
        contents = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        resources.append((name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()
SWAGGER = json.loads((SCHEMAS / "swagger.json").read_text(encoding="utf-8"))


def validate(instance, schema_name: str) -> None:
    schema = REGISTRY.contents(schema_name)
    Draft202012Validator(schema, registry=REGISTRY).validate(instance)


def validate_definition(instance, definition: str) -> None:
    """Against a Swagger definition (RequestResponse, TokenResponse); answers are lists of them."""
    schema = {"type": "array", "minItems": 1, "items": SWAGGER["definitions"][definition]}
    Draft202012Validator(schema).validate(instance)


def xml_root(resp, root: str) -> ET.Element:
    assert resp.headers["content-type"].startswith("text/xml"), resp.headers["content-type"]
    assert resp.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    element = ET.fromstring(resp.content)
    assert element.tag == root
    return element


def children(element: ET.Element) -> list[str]:
    return [c.tag for c in element]


REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]


def form(**changes) -> dict:
    body = {
        "api_key": KEY, "service_code": "utilities.power",
        "description": "我司新厂房申请用电报装已一个多月，外线工程迟迟未动工，影响设备调试和投产。",
        "first_name": "女士", "last_name": "李", "phone": "13900002222", "email": "li@example.com",
        "address_string": "滨江区江虹路 100 号", "lat": "30.2084", "long": "120.2119",
        "attribute[enterprise_name]": "杭州滨盛精密制造有限公司", "attribute[credit_code]": "91330108MA2B00000Q",
        "attribute[type]": "complaint", "attribute[desired_outcome]": "月底前接电",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def post(client):
    async def _post(fmt: str = "json", expect: int | None = 200, **changes):
        resp = await client.post(f"{V2}/requests.{fmt}", data=form(**changes))
        if expect is not None:
            assert resp.status_code == expect, resp.text
        return resp

    return _post


# ---- discovery and services ---------------------------------------------------------------------

async def test_discovery_document_in_both_formats(client):
    resp = await client.get("/api/feedback/open311/discovery.json")
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "application/json; charset=utf-8"
    doc = resp.json()
    assert set(doc) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = doc["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://test/api/feedback/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    # Behind the gateway the public host and scheme are named.
    forwarded = await client.get("/api/feedback/open311/discovery.json",
                                 headers={"X-Forwarded-Host": "reform.example.cn", "X-Forwarded-Proto": "https"})
    assert forwarded.json()["endpoints"][0]["url"] == "https://reform.example.cn/api/feedback/open311/v2"

    root = xml_root(await client.get("/api/feedback/open311/discovery.xml"), "discovery")
    assert children(root) == ["changeset", "contact", "key_service", "endpoints"]
    endpoint_el = root.find("endpoints/endpoint")
    assert children(endpoint_el) == ["specification", "url", "changeset", "type", "formats"]
    assert [f.text for f in endpoint_el.findall("formats/format")] == ["text/xml", "application/json"]


async def test_services_are_the_category_tree(client):
    resp = await client.get(f"{V2}/services.json")
    assert resp.status_code == 200
    services = resp.json()
    validate(services, "services.json")
    by_code = {s["service_code"]: s for s in services}
    power = by_code["utilities.power"]
    assert power["service_name"] == "用电报装" and power["group"] == "水电气网"
    assert power["metadata"] is True and power["type"] == "realtime"
    assert by_code["other"]["service_name"] == "其他"
    assert all(isinstance(s["service_code"], str) for s in services)

    root = xml_root(await client.get(f"{V2}/services.xml"), "services")
    assert {c.tag for c in root} == {"service"}
    assert len(root) == len(services)
    first = root[0]
    assert children(first) == ["service_code", "service_name", "description", "metadata", "type", "keywords",
                               "group"]
    assert first.findtext("metadata") == "true"


async def test_a_deactivated_category_is_no_service(client, as_user):
    resp = await client.patch(f"{API}/categories/utilities.gas", headers=as_user("office"), json={"active": False})
    assert resp.status_code == 200, resp.text
    codes = {s["service_code"] for s in (await client.get(f"{V2}/services.json")).json()}
    assert "utilities.gas" not in codes and "utilities.power" in codes
    missing = await client.get(f"{V2}/services/utilities.gas.json")
    assert missing.status_code == 404


async def test_service_definition_lists_the_enterprise_attributes(client):
    resp = await client.get(f"{V2}/services/utilities.power.json")
    assert resp.status_code == 200, resp.text
    definition = resp.json()
    validate(definition, "service-definition.json")
    assert definition["service_code"] == "utilities.power"
    attrs = {a["code"]: a for a in definition["attributes"]}
    assert attrs["enterprise_name"]["required"] is True and attrs["enterprise_name"]["datatype"] == "string"
    assert attrs["credit_code"]["required"] is False
    assert {v["key"] for v in attrs["type"]["values"]} == {"consultation", "help", "complaint", "report",
                                                           "suggestion", "praise"}
    assert {"key": "330106", "name": "西湖区"} in attrs["district"]["values"]

    root = xml_root(await client.get(f"{V2}/services/utilities.power.xml"), "service_definition")
    assert children(root) == ["service_code", "attributes"]
    attribute = root.find("attributes/attribute")
    assert children(attribute) == ["variable", "code", "datatype", "required", "datatype_description", "order",
                                   "description", "values"]
    type_attr = next(a for a in root.findall("attributes/attribute") if a.findtext("code") == "type")
    assert [children(v) for v in type_attr.findall("values/value")][0] == ["key", "name"]


async def test_unknown_service_and_format_are_open311_errors(client):
    resp = await client.get(f"{V2}/services/no.such.json")
    assert resp.status_code == 404
    assert resp.headers["content-type"] == "application/json; charset=utf-8"
    (error,) = resp.json()
    assert error["code"] == 404 and "service_code" in error["description"]

    root = xml_root(await client.get(f"{V2}/services/no.such.xml"), "errors")
    assert children(root) == ["error"] and children(root[0]) == ["code", "description"]
    assert root.findtext("error/code") == "404"

    # An unsupported extension is answered in XML, the format every client must read.
    bad = await client.get(f"{V2}/services.yaml")
    assert bad.status_code == 400
    assert xml_root(bad, "errors").findtext("error/code") == "400"


async def test_jurisdiction_is_checked_when_given(client):
    assert (await client.get(f"{V2}/services.json?jurisdiction_id=hangzhou.gov.cn")).status_code == 200
    wrong = await client.get(f"{V2}/services.json?jurisdiction_id=elsewhere.gov")
    assert wrong.status_code == 404 and "jurisdiction_id" in wrong.json()[0]["description"]


# ---- POST requests ------------------------------------------------------------------------------

async def test_post_without_or_with_a_wrong_api_key_is_refused(client, post):
    for changes, fmt in (({"api_key": None}, "xml"), ({"api_key": "guessed-key"}, "json")):
        resp = await post(fmt, expect=403, **changes)
        if fmt == "xml":
            root = xml_root(resp, "errors")
            assert root.findtext("error/code") == "403" and "api_key" in root.findtext("error/description")
        else:
            assert resp.json()[0]["code"] == 403
    # Nothing was filed.
    assert (await client.get(f"{V2}/requests.json")).json() == []


async def test_post_form_encoded_files_a_case_through_the_intake(client, post, as_user):
    resp = await post("json")
    assert resp.headers["content-type"] == "application/json; charset=utf-8"
    created = resp.json()
    validate_definition(created, "RequestResponse")
    (receipt,) = created
    assert receipt["service_request_id"].startswith("FK") and receipt["token"]
    assert "5 个工作日" in receipt["service_notice"]

    case = (await client.get(f"{API}/cases/{receipt['service_request_id']}", headers=as_user("office"))).json()
    assert case["channel"] == "open311" and case["channel_label"] == "Open311 接口"
    assert case["category"]["code"] == "utilities.power" and case["type"] == "complaint"
    assert case["enterprise_name"] == "杭州滨盛精密制造有限公司" and case["credit_code"] == "91330108MA2B00000Q"
    assert case["contact_name"] == "李女士" and case["contact_phone"] == "139****2222"  # encrypted, masked
    assert case["district"] == {"code": "330108", "name": "滨江区"}  # found in address_string
    assert case["desired_outcome"] == "月底前接电"
    assert case["title"].startswith("我司新厂房申请用电报装") and len(case["title"]) <= 30
    assert case["status"] == "received"
    assert case["events"][0]["actor"] == "open311:演示 Open311 客户端"


async def test_post_answers_in_xml_and_accepts_json_bodies(client):
    resp = await client.post(f"{V2}/requests.xml", data=form(**{"attribute[title]": "用电报装超时"}))
    assert resp.status_code == 200, resp.text
    root = xml_root(resp, "service_requests")
    assert children(root) == ["request"]
    assert children(root[0]) == ["service_request_id", "token", "service_notice"]

    body = {k: v for k, v in form().items() if not k.startswith("attribute[")}
    body["attribute"] = {"enterprise_name": "杭州之江新材料有限公司", "type": "建议", "district": "330106"}
    body["lat"], body["long"] = 30.27, 120.13
    as_json = await client.post(f"{V2}/requests.json", json=body)
    assert as_json.status_code == 200, as_json.text
    request_id = as_json.json()[0]["service_request_id"]
    read = (await client.get(f"{V2}/requests/{request_id}.json")).json()[0]
    assert read["lat"] == 30.27 and read["long"] == 120.13


async def test_post_validation_lists_every_problem(client, post):
    resp = await post("json", expect=400, phone="12345", **{
        "attribute[credit_code]": "91330108MA2B00000X", "attribute[colour]": "red", "attribute[type]": "rumour",
        "description": "短", "service_code": "no.such",
    })
    errors = resp.json()
    assert all(e["code"] == 400 for e in errors)
    text = " ".join(e["description"] for e in errors)
    for param in ("service_code", "attribute[colour]", "phone", "attribute[credit_code]", "attribute[type]",
                  "description"):
        assert param in text, (param, text)
    assert not text.isascii()

    no_location = await post("xml", expect=400, lat=None, long=None, address_string=None)
    assert "位置" in xml_root(no_location, "errors").findtext("error/description")
    half = await post("json", expect=400, long=None, address_string=None)
    assert "lat/long" in half.json()[0]["description"]
    in_url = await client.post(f"{V2}/requests.json?phone=13900002222", data=form(phone=None))
    assert in_url.status_code == 400 and in_url.json()[0]["description"].startswith("phone：个人信息")
    no_contact = await post("json", expect=400, phone=None, first_name=None, last_name=None)
    assert {e["description"].split("：")[0] for e in no_contact.json()} == {"first_name/last_name", "phone"}


async def test_an_anonymous_suggestion_needs_no_contact(client, post, as_user):
    resp = await post("json", phone=None, first_name=None, last_name=None, email=None,
                      **{"attribute[type]": "suggestion", "attribute[enterprise_name]": None})
    case = (await client.get(f"{API}/cases/{resp.json()[0]['service_request_id']}", headers=as_user("office"))).json()
    assert case["anonymous"] is True and case["contact_phone"] is None and case["type"] == "suggestion"


async def test_media_url_is_kept_as_a_link(client, post, as_user):
    resp = await post("json", media_url="https://img.example.cn/p/site.jpg")
    request_id = resp.json()[0]["service_request_id"]
    case = (await client.get(f"{API}/cases/{request_id}", headers=as_user("office"))).json()
    assert case["attachments"][0]["url"] == "https://img.example.cn/p/site.jpg"
    assert (await client.get(f"{V2}/requests/{request_id}.json")).json()[0]["media_url"].endswith("site.jpg")
    assert (await post("json", expect=400, media_url="ftp://x")).json()[0]["description"].startswith("media_url")


# ---- GET requests and tokens --------------------------------------------------------------------

async def test_request_reads_back_open_then_closed_with_notes(client, post, act):
    request_id = (await post("json")).json()[0]["service_request_id"]
    resp = await client.get(f"{V2}/requests/{request_id}.json")
    assert resp.status_code == 200
    validate(resp.json(), "requests.json")
    (item,) = resp.json()
    assert item["status"] == "open" and item["status_notes"].startswith("已受理")
    assert item["service_code"] == "utilities.power" and item["service_name"] == "用电报装"
    assert item["requested_datetime"].endswith("+08:00") and item["expected_datetime"].endswith("+08:00")
    assert item["address"] == "滨江区江虹路 100 号" and item["lat"] == 30.2084

    for action, who in (("assign", "office"), ("accept", "scjg"), ("reply", "scjg")):
        await act(request_id, action, who)
    replied = (await client.get(f"{V2}/requests/{request_id}.json")).json()[0]
    assert replied["status"] == "open" and replied["status_notes"].startswith("已答复：经核查")
    assert replied["agency_responsible"] == "市市场监督管理局"
    await act(request_id, "close", "office")
    closed = (await client.get(f"{V2}/requests/{request_id}.json")).json()[0]
    assert closed["status"] == "closed" and closed["status_notes"].startswith("已办结")

    root = xml_root(await client.get(f"{V2}/requests/{request_id}.xml"), "service_requests")
    assert children(root) == ["request"]
    assert children(root[0]) == REQUEST_FIELDS
    assert root.findtext("request/status") == "closed"
    assert root.findtext("request/service_request_id") == request_id

    missing = await client.get(f"{V2}/requests/FK20200101-999999.xml")
    assert missing.status_code == 404 and xml_root(missing, "errors").findtext("error/code") == "404"


async def test_requests_query_filters(client, post, act, make_case):
    first = (await post("json")).json()[0]["service_request_id"]
    second = (await post("json", service_code="fees.arrears")).json()[0]["service_request_id"]
    staff_case = (await make_case())["case_no"]  # another channel: never published here
    for action, who in (("assign", "office"), ("accept", "scjg"), ("reply", "scjg"), ("close", "office")):
        await act(second, action, who)

    everything = (await client.get(f"{V2}/requests.json")).json()
    validate(everything, "requests.json")
    ids = [r["service_request_id"] for r in everything]
    assert set(ids) >= {first, second} and staff_case not in ids

    by_id = (await client.get(f"{V2}/requests.json", params={
        "service_request_id": f"{first},{staff_case}", "status": "closed"})).json()  # ids override the rest
    assert [r["service_request_id"] for r in by_id] == [first]
    by_code = (await client.get(f"{V2}/requests.json", params={"service_code": "fees.arrears"})).json()
    assert [r["service_request_id"] for r in by_code] == [second]
    closed = {r["service_request_id"] for r in (await client.get(f"{V2}/requests.json?status=closed")).json()}
    opened = {r["service_request_id"] for r in (await client.get(f"{V2}/requests.json?status=open")).json()}
    assert second in closed and first not in closed and first in opened and second not in opened
    both = {r["service_request_id"] for r in (await client.get(f"{V2}/requests.json?status=open,closed")).json()}
    assert {first, second} <= both

    window = {"start_date": "2020-01-01T00:00:00+08:00", "end_date": "2020-02-01T00:00:00+08:00"}
    assert (await client.get(f"{V2}/requests.json", params=window)).json() == []
    # An unencoded "+" arrives as a space and is still understood.
    raw = await client.get(f"{V2}/requests.json?start_date=2020-01-01T00:00:00+08:00&end_date=2020-02-01T00:00:00Z")
    assert raw.status_code == 200 and raw.json() == []

    root = xml_root(await client.get(f"{V2}/requests.xml", params={"service_request_id": first}), "service_requests")
    assert [children(r) for r in root] == [REQUEST_FIELDS]

    for params, word in (({"status": "pending"}, "status"), ({"start_date": "yesterday"}, "start_date"),
                         ({"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-06-01T00:00:00+08:00"},
                          "90"),
                         ({"start_date": "2026-02-01T00:00:00+08:00", "end_date": "2026-01-01T00:00:00+08:00"},
                          "end_date")):
        bad = await client.get(f"{V2}/requests.json", params=params)
        assert bad.status_code == 400 and word in bad.json()[0]["description"], (params, bad.text)


async def test_a_report_keeps_its_content_to_the_handlers(client, post):
    request_id = (await post("json", **{"attribute[type]": "report"})).json()[0]["service_request_id"]
    item = (await client.get(f"{V2}/requests/{request_id}.json")).json()[0]
    validate([item], "requests.json")
    assert item["description"] is None and item["address"] is None and item["lat"] is None


async def test_tokens_resolve_to_the_request(client, post):
    receipt = (await post("json")).json()[0]
    resp = await client.get(f"{V2}/tokens/{receipt['token']}.json")
    assert resp.status_code == 200
    validate_definition(resp.json(), "TokenResponse")
    assert resp.json() == [{"service_request_id": receipt["service_request_id"], "token": receipt["token"]}]

    root = xml_root(await client.get(f"{V2}/tokens/{receipt['token']}.xml"), "service_requests")
    assert children(root[0]) == ["service_request_id", "token"]
    assert root.findtext("request/service_request_id") == receipt["service_request_id"]

    unknown = await client.get(f"{V2}/tokens/not-a-token.json")
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404


# ---- a generic client ---------------------------------------------------------------------------

async def test_a_generic_open311_client_works_from_the_discovery_document(client):
    """Only what the specification says: discovery → services (XML) → definition → form POST
    with api_key and attribute[...] → the request by id (XML) → the token."""
    discovery = ET.fromstring((await client.get("/api/feedback/open311/discovery.xml")).content)
    endpoint = next(e for e in discovery.iter("endpoint")
                    if e.findtext("specification") == "http://wiki.open311.org/GeoReport_v2")
    base = endpoint.findtext("url")
    assert "text/xml" in [f.text for f in endpoint.iter("format")]

    services = ET.fromstring((await client.get(f"{base}/services.xml")).content)
    service = next(s for s in services.iter("service") if s.findtext("service_name") == "拖欠企业账款")
    code = service.findtext("service_code")
    definition = ET.fromstring((await client.get(f"{base}/services/{code}.xml")).content)
    required = [a.findtext("code") for a in definition.iter("attribute") if a.findtext("required") == "true"]
    assert required == ["enterprise_name"]

    fields = {"api_key": KEY, "service_code": code, "address_string": "西湖区文三路 90 号",
              "description": "某街道工程款拖欠我司 120 万元已超过一年，多次催要无果。",
              "first_name": "经理", "last_name": "赵", "phone": "0571-87654321"}
    fields.update({f"attribute[{c}]": "杭州之江新材料有限公司" for c in required})
    created = await client.post(f"{base}/requests.xml", data=fields)
    assert created.status_code == 200, created.text
    assert created.request.headers["content-type"] == "application/x-www-form-urlencoded"
    reply = ET.fromstring(created.content)
    request_id, token = reply.findtext("request/service_request_id"), reply.findtext("request/token")

    status = ET.fromstring((await client.get(f"{base}/requests/{request_id}.xml")).content)
    assert status.findtext("request/status") == "open"
    assert status.findtext("request/service_code") == code
    by_token = ET.fromstring((await client.get(f"{base}/tokens/{token}.xml")).content)
    assert by_token.findtext("request/service_request_id") == request_id
