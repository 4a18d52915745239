"""Which quantities are numeric claims that reconciliation compares, and of what kind.

Categories, first match wins: "money" (a currency unit), "share" (percent, percentage point,
"a third of"), "territory" (an area unit, or counted villages/settlements/territory),
"casualties" (the counted noun or its predicate says killed, injured, dead, casualties),
"troops", "votes", "people" (a counted noun for people). Anything else has no category.
"""

from __future__ import annotations

from claimscope.extract.quantity_counted import Counted, kind_of

AREA_UNITS = {"km2", "mi2", "m2", "ft2", "ha", "acre"}
TERRITORY = {"territory", "village", "settlement", "town", "land", "square"}
VOTES = {"vote", "ballot", "voter", "seat", "delegate", "elector"}
PEOPLE = {
    "people",
    "person",
    "civilian",
    "resident",
    "refugee",
    "child",
    "adult",
    "woman",
    "man",
    "worker",
    "employee",
    "migrant",
    "citizen",
    "patient",
    "prisoner",
    "hostage",
    "student",
    "member",
    "official",
    "protester",
    "passenger",
    "family",
    "household",
    "evacuee",
    "inhabitant",
    "volunteer",
    "captive",
    "detainee",
    "victim",
    "teenager",
    "boy",
    "girl",
}


def category(unit: str | None, share: bool, counted: Counted | None) -> str | None:
    """The claim category of a quantity with this unit, share flag and counted phrase."""
    if unit is not None and ((unit.isupper() and len(unit) == 3) or unit in ("cent", "penny")):
        return "money"
    if share or unit in ("percent", "percentage point"):
        return "share"
    head = counted.head.lemma_.lower() if counted is not None else ""
    if unit in AREA_UNITS or head in TERRITORY:
        return "territory"
    if unit is not None and not unit.startswith("per "):
        return None
    if counted is None:
        return None
    kind = kind_of(counted)
    if kind is not None:
        return kind
    if head in VOTES:
        return "votes"
    if head in PEOPLE or counted.head.ent_type_ == "NORP":
        return "people"
    return None
