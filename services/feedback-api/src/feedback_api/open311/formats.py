"""GeoReport v2 wire formats: XML (required by the specification) and JSON,
chosen by the resource's extension; errors as the specification's list of
``{code, description}`` (``<errors><error><code/><description/></error></errors>``)."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from fastapi.responses import Response

FORMATS = ("xml", "json")
MEDIA_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# The element each list's items are written as.
ITEM_TAGS = {
    "services": "service", "attributes": "attribute", "values": "value", "endpoints": "endpoint",
    "formats": "format", "service_requests": "request", "errors": "error",
}


class Open311Error(Exception):
    """One or more GeoReport errors with the HTTP status they are answered with."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = descriptions

    def body(self) -> list[dict[str, Any]]:
        return [{"code": self.status, "description": d} for d in self.descriptions]


def check_format(fmt: str) -> str:
    if fmt.lower() not in FORMATS:
        raise Open311Error(400, f"不支持的格式「{fmt}」：请在地址末尾加 .xml 或 .json。")
    return fmt.lower()


# Characters XML 1.0 cannot carry at all; dropped rather than producing a document no parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _element(tag: str, value: Any) -> ET.Element:
    node = ET.Element(tag)
    if isinstance(value, dict):
        for key, child in value.items():
            node.append(_element(key, child))
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        for child in value:
            node.append(_element(item_tag, child))
    else:
        node.text = _text(value)
    return node


def to_xml(root: str, value: Any) -> bytes:
    """UTF-8 XML with the declaration the specification asks for; ``None`` is an empty element."""
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(_element(root, value), encoding="utf-8", xml_declaration=False))


def render(fmt: str, root: str, value: Any, status: int = 200) -> Response:
    if fmt == "json":
        content = json.dumps(value, ensure_ascii=False).encode("utf-8")
    else:
        content = to_xml(root, value)
    return Response(content=content, status_code=status, media_type=MEDIA_TYPES[fmt])


def render_error(fmt: str | None, error: Open311Error) -> Response:
    """In the requested format; XML (the required one) when the format itself was the problem."""
    return render(fmt if fmt in FORMATS else "xml", "errors", error.body(), error.status)
