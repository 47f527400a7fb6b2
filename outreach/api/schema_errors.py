"""Document the error answers every operation can give, in the one error body
(outreach/api/errors.py), so clients and the schema tests know a 404 or 429 is part of
the contract rather than a surprise."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}

ERRORS = {
    "400": "The request has errors; see fields.",
    "401": "Not signed in: send an API token.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not yours to see.",
    "405": "This method is not allowed here.",
    "409": "Busy: another request holds the record; try again.",
    "429": "Too many requests: wait and try again.",
}


# DRF writes times of day as "10:00:00", local to the service; JSON Schema's "time" format
# is RFC 3339's full-time, which needs an offset. Describe what is sent instead.
TIME_OF_DAY = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$"


def _times_of_day(node):
    if isinstance(node, dict):
        if node.get("format") == "time":
            del node["format"]
            node["pattern"] = TIME_OF_DAY
        for value in node.values():
            _times_of_day(value)
    elif isinstance(node, list):
        for value in node:
            _times_of_day(value)


def add_error_responses(result, generator, request, public):
    _times_of_day(result)
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, description in ERRORS.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
