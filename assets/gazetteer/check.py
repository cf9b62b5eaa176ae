#!/usr/bin/env python3
"""Consistency check for the shipped gazetteer (run: python3 assets/gazetteer/check.py).

Parses every *.toml of this folder (python3 >= 3.11, tomllib; the app's `--gazetteer DIR` reads
them all), checks the format of assets/gazetteer/README.md: unique ids/codes across all files,
snake_case ids, every country code, body id (office.body, body.parent) known, ISO dates
well-formed and ordered, coordinates in range, no empty or duplicate names, and that every person
name/alias, after the app's normalisation (text::normalize: tashkeel/tatweel and invisible
controls removed, alef forms -> ا, ة -> ه, ى -> ي, Latin lower-cased without accents), names at
most one person on any date (office terms overlap; a person with an undated office counts as in
office at every date); that every name_ar is Arabic script and no Latin name or alias holds Arabic
letters (or mixes scripts); that a man's role_ar is not feminine. Prints counts; exits 1 and names
file and entry on any problem.
"""
import datetime
import pathlib
import re
import sys
import tomllib
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
problems = []


DATA = {}
for _path in sorted(HERE.glob("*.toml")):
    with open(_path, "rb") as f:
        try:
            DATA[_path.name] = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{_path.name}: not valid TOML: {e}")
            DATA[_path.name] = {}
FILE_OF = {}  # id(entry) -> file name


def load(key):
    """Every entry of `key` ([[country]], [[body]], ...) from every *.toml file, in file order."""
    out = []
    for name, data in DATA.items():
        for e in data.get(key, []):
            FILE_OF[id(e)] = name
            out.append(e)
    return out


def fname(e):
    return FILE_OF.get(id(e), "?")


def need(cond, msg):
    if not cond:
        problems.append(msg)


ID = re.compile(r"^[a-z][a-z0-9_]*$")
KINDS = {"ministry", "council", "government", "parliament", "agency", "military",
         "eu_institution", "company", "international"}

countries = load("country")
bodies = load("body")
people = load("person")
places = load("place")

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
for items in (bodies, people, places):
    for e in items:
        eid = e.get("id", "?")
        file = fname(e)
        need(eid not in all_ids, f"{file}: id {eid} already used in {all_ids.get(eid)}")
        all_ids[eid] = file

body_ids = {b["id"] for b in bodies}
for b in bodies:
    check_common(fname(b), b, ("name_en", "name_ar", "name_it", "kind"))
    need(b.get("kind") in KINDS, f"{fname(b)}: {b['id']} has unknown kind {b.get('kind')!r}")
    if "parent" in b:
        need(b["parent"] in body_ids, f"{fname(b)}: {b['id']} has unknown parent {b['parent']!r}")


def date(file, eid, s):
    try:
        return datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        problems.append(f"{file}: {eid}: {s!r} is not an ISO date YYYY-MM-DD")
        return None


for p in people:
    pf = fname(p)
    check_common(pf, p)
    need(p.get("gender") in ("f", "m"), f"{pf}: {p['id']} gender must be f or m")
    need(len(p.get("office", [])) > 0, f"{pf}: {p['id']} has no office")
    for o in p.get("office", []):
        need(o.get("body") in body_ids, f"{pf}: {p['id']} office body {o.get('body')!r} is no [[body]] id")
        need(bool(o.get("role_en")) and bool(o.get("role_ar")), f"{pf}: {p['id']} office lacks role_en/role_ar")
        a = date(pf, p["id"], o["from"]) if "from" in o else None
        b = date(pf, p["id"], o["to"]) if "to" in o else None
        if a and b:
            need(a <= b, f"{pf}: {p['id']} office {o.get('role_en')} ends before it starts")

# Scripts: an Arabic name holds Arabic letters and no Latin ones, a Latin name holds no Arabic letters, and
# no alias mixes the two (a swapped or half-pasted field would never match an article).
_AR = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LAT = re.compile("[A-Za-z\u00C0-\u024F]")
for items in (bodies, people, places, countries):
    for e in items:
        eid = e.get("id", e.get("code", "?"))
        ar = e.get("name_ar", "")
        need(bool(_AR.search(ar)) and not _LAT.search(ar), f"{fname(e)}: {eid} name_ar {ar!r} is not Arabic script")
        for f in ("name_en", "name_it", "name_fr"):
            if e.get(f):
                need(not _AR.search(e[f]), f"{fname(e)}: {eid} {f} {e[f]!r} holds Arabic letters")
        for a in e.get("aliases", []):
            need(not (_AR.search(a) and _LAT.search(a)), f"{fname(e)}: {eid} alias {a!r} mixes Arabic and Latin letters")

# A man's office is not written in the feminine (وزيرة, سفيرة, ...): the role is read to agree with the name.
_FEM_ROLE = re.compile(r"^(وزيرة|سفيرة|رئيسة|نائبة|المتحدثة|عضوة|مديرة|الممثلة|كاتبة)(\s|$)")
for p in people:
    if p.get("gender") == "m":
        for o in p.get("office", []):
            need(not _FEM_ROLE.match(o.get("role_ar", "")),
                 f"{fname(p)}: {p['id']} is m but office role_ar {o.get('role_ar')!r} is feminine")

for pl in places:
    check_common(fname(pl), pl, ("name_en", "name_ar", "name_it"))
    need(-90 <= pl.get("lat", 999) <= 90 and -180 <= pl.get("lon", 999) <= 180,
         f"{fname(pl)}: {pl['id']} coordinates missing or out of range")

# The app's normalisation (src/text/normalize.rs), for comparing aliases as the matcher sees them.
_REMOVED = re.compile("[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640"
                      "\u200B-\u200F\u202A-\u202E\u2060-\u2069\u180E\u061C\uFEFF\u00AD]")
_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
                      "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ھ": "ه", "ہ": "ه", "ۀ": "ه",
                      "ۃ": "ه", "ک": "ك", "ڪ": "ك", "ڤ": "ف", "ڥ": "ف"})


def norm(s):
    s = unicodedata.normalize("NFKC", s) if any("\uFB50" <= c <= "\uFDFF" or "\uFE70" <= c <= "\uFEFF" for c in s) else s
    s = _REMOVED.sub("", s).translate(_MAP)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not ("\u0300" <= c <= "\u036F"))
    # NFD would split أ إ آ back apart: they were mapped to ا above, and Arabic marks are removed.
    s = _REMOVED.sub("", s)
    return " ".join(s.lower().split())


# Every person alias names at most one person on any date.
MIN, MAX = datetime.date.min, datetime.date.max


def spans(p):
    out = []
    for o in p.get("office", []):
        try:
            a = datetime.date.fromisoformat(o["from"]) if "from" in o else MIN
            b = datetime.date.fromisoformat(o["to"]) if "to" in o else MAX
        except (TypeError, ValueError):
            a, b = MIN, MAX
        out.append((a, b))
    return out or [(MIN, MAX)]


by_alias = {}
for p in people:
    names = {norm(a) for a in [p.get("name_en"), p.get("name_ar"), p.get("name_it"), p.get("name_fr")]
             + p.get("aliases", []) if a}
    for a in names:
        by_alias.setdefault(a, []).append(p)
for a, ps in sorted(by_alias.items()):
    for i in range(len(ps)):
        for j in range(i + 1, len(ps)):
            if any(x0 <= y1 and y0 <= x1 for x0, x1 in spans(ps[i]) for y0, y1 in spans(ps[j])):
                problems.append(f"alias {a!r} names {ps[i]['id']} ({fname(ps[i])}) and {ps[j]['id']} "
                                f"({fname(ps[j])}) at overlapping dates")

# The same alias on two bodies or places makes a match ambiguous: report as a warning.
for file, items in (("bodies", bodies), ("places", places)):
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
print(f"files: {', '.join(DATA)}")
print(f"countries: {len(countries)}  bodies: {len(bodies)}  people: {len(people)}  places: {len(places)}")
dated = sum(1 for p in people if any("from" in o for o in p.get("office", [])))
print(f"people with a dated office: {dated}")
print("people by country:", ", ".join(f"{k} {v}" for k, v in sorted(by_country.items(), key=lambda kv: -kv[1])))
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
