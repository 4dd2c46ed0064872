"""The partner API is documented in /api/openapi.json: bearer tokens, strict bodies and
every refusal."""

from __future__ import annotations


def test_schema_documents_the_partner_api(api):
    schema = api.get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ClientToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "An API client's token, made by an administrator of the organisation",
    }
    operations = {
        (path, method): op
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/")
        for method, op in item.items()
    }
    assert set(operations) == {
        ("/api/v1/reports", "post"),
        ("/api/v1/reports/{reference}", "get"),
        ("/api/v1/imports", "post"),
        ("/api/v1/imports/{job_id}", "get"),
    }
    for op in operations.values():
        assert op["security"] == [{"ClientToken": []}]
        assert {"401", "403", "413", "422", "429"} <= set(op["responses"])
    assert schema["components"]["schemas"]["ReportIn"]["additionalProperties"] is False
    report_post = operations[("/api/v1/reports", "post")]
    header = next(p for p in report_post["parameters"] if p["in"] == "header")
    assert (header["name"], header["required"]) == ("Idempotency-Key", True)
    assert {"200", "201", "409"} <= set(report_post["responses"])
