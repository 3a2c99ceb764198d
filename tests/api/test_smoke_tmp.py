from datetime import date
import json

def test_smoke(api, caseworker, make_case, complaint, late_grounds):
    case = make_case()
    fb = complaint(case)
    c = api(caseworker)
    for path in ["/cases", f"/cases/{case.reference}", f"/cases/{case.reference}/feedback", f"/feedback/{fb.reference}",
                 f"/feedback/{fb.reference}/events", f"/feedback/{fb.reference}/actions"]:
        r = c.get(path)
        print(path, r.status_code, json.dumps(r.json(), indent=1, default=str)[:1500])
    for body, raw in [(None, None), ({}, None), (None, "{bad"), (None, "[1,2]"), (None, '"x"'), ({"x": 1}, None), (None, "null")]:
        r = c.post(f"/feedback/{fb.reference}/actions/close_not_eligible", body, raw=raw)
        print("close", body, raw, r.status_code, r.content[:400])
    r = c.post(f"/feedback/{fb.reference}/actions/nonsense", {})
    print(r.status_code, r.content)
    r = c.post(f"/feedback/{fb.reference}/actions/request_grounds")
    print(r.status_code, r.content[:300])
    fb2 = late_grounds("invite_explanation")
    r = c.post(f"/feedback/{fb2.reference}/actions/decline_for_time", {})
    print(r.status_code, r.content)
    r = c.post(f"/feedback/{fb2.reference}/actions/set_aside_time_limit", {"reason": "nope", "detail": 5})
    print(r.status_code, r.content)
    r = c.post(f"/cases/{case.reference}/feedback", {"received_date": "2026-11-01", "channel": "email", "summary": "x"})
    print(r.status_code, r.content[:300])
    r = c.post(f"/cases/{case.reference}/feedback", {})
    print(r.status_code, r.content[:600])
    r = api().get("/cases")
    print(r.status_code, r.content, r.headers)
    r = c.get("/nothing/here")
    print(r.status_code, r.content[:200])
    r = c.client.get("/api/v1/docs")
    print(r.status_code, r.content[:1500])
