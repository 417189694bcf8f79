"""Prints what the collector stored since the last call, oldest first: events (GET /api/sites/{site}/events) or
alert changes (GET /api/alerts?site=), read on stdin.

argv[1]: events | alerts; argv[2]: a file of the keys already printed (appended to).
"""
import json
import sys

kind, seen_file = sys.argv[1], sys.argv[2]
with open(seen_file, encoding="utf-8") as f:
    seen = set(f.read().split())
try:
    items = json.load(sys.stdin).get(kind, [])
except ValueError:
    items = []


def event_line(event):
    details = event.get("data") or event.get("payload") or {}
    text = ""
    if isinstance(details, dict):
        text = ", ".join(f"{k}={v}" for k, v in details.items() if not isinstance(v, (dict, list)))[:110]
    return f"collector event: {event.get('type')} {event.get('subject') or ''} {text}"


def alert_line(alert):
    return f"collector ALERT {alert.get('state')}: [{alert.get('severity')}] {alert.get('title')} {alert.get('body') or ''}"


if kind == "alerts":
    items = sorted(items, key=lambda a: a.get("updated_at") or "")
else:
    items = list(reversed(items))
with open(seen_file, "a", encoding="utf-8") as out:
    for item in items:
        key = str(item.get("id") or item.get("event_id") or (item.get("time"), item.get("type")))
        if kind == "alerts":
            key += "/" + str(item.get("state"))
        key = key.replace(" ", "_")
        if key in seen:
            continue
        seen.add(key)
        out.write(key + "\n")
        line = alert_line(item) if kind == "alerts" else event_line(item)
        print("           " + line.rstrip(), flush=True)
