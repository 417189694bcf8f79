"""Summarises what the collector recorded for the demo site; with argv[4] == "1" exits 3 unless the failover
story is there: the site online, wan.down, action.executed and vrrp.master_changed events, at least one alert.

argv[1..3]: the saved answers of GET /api/sites/{site}, /api/sites/{site}/events, /api/alerts?site={site}.
"""
import collections
import json
import sys

WANTED = ["wan.down", "action.executed", "vrrp.master_changed"]


def load(path, key=None):
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except (OSError, ValueError) as e:
        print(f"  cannot read {path}: {e}")
        return [] if key else {}
    return value.get(key, []) if key else value


site = load(sys.argv[1])
events = load(sys.argv[2], "events")
alerts = load(sys.argv[3], "alerts")
print(f"  status={site.get('status')} online={site.get('online')} master={site.get('master')}")
counts = collections.Counter(e.get("type") for e in events)
print("  events:", ", ".join(f"{t} x{n}" for t, n in sorted(counts.items())) if counts else "none")
print("  alerts:", ", ".join(f"{a.get('rule')} ({a.get('state')})" for a in alerts)
      if alerts else "none")
problems = [f"no {w} event" for w in WANTED if w not in counts]
if not site.get("online"):
    problems.append("site not online")
if not alerts:
    problems.append("no alert")
print("  CHECK: " + ("ok" if not problems else "FAILED: " + "; ".join(problems)))
if sys.argv[4] == "1" and problems:
    sys.exit(3)
