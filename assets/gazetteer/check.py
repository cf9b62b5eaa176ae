#!/usr/bin/env python3
"""Consistency check for the shipped gazetteer (run: python3 assets/gazetteer/check.py).

Parses countries/bodies/people/places TOML (python3 >= 3.11, tomllib), checks the format of
assets/gazetteer/README.md: unique ids/codes, snake_case ids, every country code, body id
(office.body, body.parent) known, ISO dates well-formed and ordered, coordinates in range,
no empty or duplicate names. Prints counts; exits 1 and names file and entry on any problem.
"""
import datetime
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
problems = []


def load(name, key):
    path = HERE / name
    if not path.exists():
        return []
    with open(path, "rb") as f:
        try:
            data = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{name}: not valid TOML: {e}")
            return []
    return data.get(key, [])


def need(cond, msg):
    if not cond:
        problems.append(msg)


ID = re.compile(r"^[a-z][a-z0-9_]*$")
KINDS = {"ministry", "council", "government", "parliament", "agency", "military",
         "eu_institution", "company", "international"}

countries = load("countries.toml", "country")
bodies = load("bodies.toml", "body")
people = load("people.toml", "person")
places = load("places.toml", "place")

codes = [c["code"] for c in countries]
need(len(codes) == len(set(codes)), "countries.toml: duplicate country codes")
codes = set(codes)
for c in countries:
    for f in ("name_en", "name_ar", "name_it"):
        need(bool(c.get(f)), f"countries.toml: {c['code']} lacks {f}")
    need(isinstance(c.get("european"), bool), f"countries.toml: {c['code']} lacks european = true/false")


def check_common(file, e, fields=("name_en", "name_ar")):
    eid = e.get("id", "?")
    need(bool(ID.match(eid)), f"{file}: id {eid!r} is not lowercase snake_case")
    need(e.get("country") in codes, f"{file}: {eid} has unknown country {e.get('country')!r}")
    for f in fields:
        need(bool(e.get(f)), f"{file}: {eid} lacks {f}")
    al = e.get("aliases", [])
    need(len(al) == len(set(al)), f"{file}: {eid} repeats an alias")
    need(all(a.strip() == a and a for a in al), f"{file}: {eid} has an empty or padded alias")


all_ids = {}
for file, items in (("bodies.toml", bodies), ("people.toml", people), ("places.toml", places)):
    for e in items:
        eid = e.get("id", "?")
        need(eid not in all_ids, f"{file}: id {eid} already used in {all_ids.get(eid)}")
        all_ids[eid] = file

body_ids = {b["id"] for b in bodies}
for b in bodies:
    check_common("bodies.toml", b, ("name_en", "name_ar", "name_it", "kind"))
    need(b.get("kind") in KINDS, f"bodies.toml: {b['id']} has unknown kind {b.get('kind')!r}")
    if "parent" in b:
        need(b["parent"] in body_ids, f"bodies.toml: {b['id']} has unknown parent {b['parent']!r}")


def date(file, eid, s):
    try:
        return datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        problems.append(f"{file}: {eid}: {s!r} is not an ISO date YYYY-MM-DD")
        return None


for p in people:
    check_common("people.toml", p)
    need(p.get("gender") in ("f", "m"), f"people.toml: {p['id']} gender must be f or m")
    need(len(p.get("office", [])) > 0, f"people.toml: {p['id']} has no office")
    for o in p.get("office", []):
        need(o.get("body") in body_ids, f"people.toml: {p['id']} office body {o.get('body')!r} not in bodies.toml")
        need(bool(o.get("role_en")) and bool(o.get("role_ar")), f"people.toml: {p['id']} office lacks role_en/role_ar")
        a = date("people.toml", p["id"], o["from"]) if "from" in o else None
        b = date("people.toml", p["id"], o["to"]) if "to" in o else None
        if a and b:
            need(a <= b, f"people.toml: {p['id']} office {o.get('role_en')} ends before it starts")

for pl in places:
    check_common("places.toml", pl, ("name_en", "name_ar", "name_it"))
    need(-90 <= pl.get("lat", 999) <= 90 and -180 <= pl.get("lon", 999) <= 180,
         f"places.toml: {pl['id']} coordinates missing or out of range")

# The same alias on two entries of one file makes a match ambiguous: report as a warning.
for file, items in (("people.toml", people), ("bodies.toml", bodies), ("places.toml", places)):
    seen = {}
    for e in items:
        for a in [e.get("name_en"), e.get("name_ar"), e.get("name_it")] + e.get("aliases", []):
            if a:
                seen.setdefault(a.casefold(), set()).add(e["id"])
    for a, ids in sorted(seen.items()):
        if len(ids) > 1:
            print(f"note: {file}: {a!r} names {sorted(ids)}")

by_country = {}
for p in people:
    by_country[p["country"]] = by_country.get(p["country"], 0) + 1
print(f"countries: {len(countries)}  bodies: {len(bodies)}  people: {len(people)}  places: {len(places)}")
print("people by country:", ", ".join(f"{k} {v}" for k, v in sorted(by_country.items(), key=lambda kv: -kv[1])))
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
