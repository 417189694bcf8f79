"""Summarises what the collector recorded for the demo site; with argv[4] == "1" exits 3 unless the failover
story is there: the site online, wan.down, action.executed and vrrp.master_changed events, at least one alert; and
the remote operations: the failover drill passed with NAT following, both routers' configurations stored by the
first backup and the second backup (nothing changed) adding no version.

argv[1..3]: the saved answers of GET /api/sites/{site}, /api/sites/{site}/events, /api/alerts?site={site}.
argv[5..7] (with --check): GET /api/commands/{drill id}, the number of configuration versions after each backup.
"""
import collections
import datetime
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


def millis(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def sniffed_takeover_ms(all_events, issued_at):
    """From the drill's demotion (its first action.executed) to the first vrrp.master_changed after it."""
    if not issued_at:
        return None
    ordered = sorted((e for e in all_events if e.get("time")), key=lambda e: millis(e["time"]))
    demoted = next((e for e in ordered if e.get("type") == "action.executed"
                    and (e.get("data") or {}).get("rule") == "failover_drill"
                    and millis(e["time"]) >= millis(issued_at)), None)
    if demoted is None:
        return None
    changed = next((e for e in ordered if e.get("type") == "vrrp.master_changed"
                    and millis(e["time"]) > millis(demoted["time"])), None)
    return None if changed is None else round(millis(changed["time"]) - millis(demoted["time"]))


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
if sys.argv[4] == "1":
    drill = load(sys.argv[5])
    figures = drill.get("drill") or drill.get("result") or {}
    print(f"  drill: {drill.get('status')} passed={figures.get('passed')} takeover_ms={figures.get('takeover_ms')}"
          f" nat_ms={figures.get('nat_ms')} dhcp_ms={figures.get('dhcp_ms')} restore_ms={figures.get('restore_ms')}")
    if drill.get("status") != "completed" or figures.get("passed") is not True:
        problems.append(f"the failover drill did not pass ({drill.get('status')} {drill.get('reason') or ''})")
    elif figures.get("nat_ms") is None:
        problems.append("the drill saw NAT not follow")
    else:
        sniffed = sniffed_takeover_ms(events, drill.get("issued_at") or "")
        print(f"  sniffed failover: {sniffed} ms from the drill's demotion to the first vrrp.master_changed after it")
        # The demotion's event is stamped after the write is read back, so the sniffed figure can only be shorter,
        # by that read-back (a few verify intervals of 250 ms at most).
        if sniffed is None or not 0 <= figures["takeover_ms"] - sniffed <= 1000:
            problems.append(f"the drill's takeover_ms {figures['takeover_ms']} disagrees with the sniffed {sniffed}")
    try:
        first, second = (int(open(p, encoding="utf-8").read().strip() or 0) for p in sys.argv[6:8])
    except (OSError, ValueError, IndexError):
        first, second = 0, -1
    print(f"  configuration versions: {first} after the first backup, {second} after the second")
    if first < 2:
        problems.append("not every router's configuration was stored")
    elif second != first:
        problems.append("a second backup with nothing changed added a version")
print("  CHECK: " + ("ok" if not problems else "FAILED: " + "; ".join(problems)))
if sys.argv[4] == "1" and problems:
    sys.exit(3)
