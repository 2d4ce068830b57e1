"""English local authorities with children's services, and the names people use for them.

One vocabulary serves both sides: ingest tags each document with the
authorities it concerns, and question understanding finds the ones a
question names, so "mbro" in Slack meets "Middlesbrough" in a report.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Canonical name -> extra spellings and everyday short forms.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Stockton-on-Tees": ("stockton on tees", "stockton"),
    "Middlesbrough": ("mbro", "boro", "middlesborough"),
    "Redcar and Cleveland": ("redcar & cleveland", "redcar"),
    "Hartlepool": (),
    "Darlington": (),
    "Tees": ("tees valley", "teesside"),
    "Leeds": (),
    "Calderdale": (),
    "Cambridgeshire": ("cambs",),
    "Coventry": (),
    "Devon": (),
    "Gloucestershire": ("glos",),
    "Norfolk": (),
    "Nottinghamshire": ("notts",),
    "Walsall": (),
    "Sussex": ("pan-sussex", "pan sussex", "brighton and hove", "brighton & hove", "east sussex", "west sussex"),
    "Rotherham": (),
    "Birmingham": ("brum",),
    "Manchester": (),
    "Liverpool": (),
    "Sheffield": (),
    "Bradford": (),
    "Kirklees": (),
    "Wakefield": (),
    "Barnsley": (),
    "Doncaster": (),
    "Newcastle upon Tyne": ("newcastle",),
    "Gateshead": (),
    "Sunderland": (),
    "North Tyneside": (),
    "South Tyneside": (),
    "Northumberland": (),
    "Durham": ("county durham",),
    "North Yorkshire": (),
    "York": ("city of york",),
    "East Riding of Yorkshire": ("east riding",),
    "Hull": ("kingston upon hull",),
    "North Lincolnshire": (),
    "North East Lincolnshire": (),
    "Lincolnshire": ("lincs",),
    "Cumbria": ("cumberland", "westmorland and furness"),
    "Lancashire": ("lancs",),
    "Blackpool": (),
    "Blackburn with Darwen": ("blackburn",),
    "Bolton": (),
    "Bury": (),
    "Oldham": (),
    "Rochdale": (),
    "Salford": (),
    "Stockport": (),
    "Tameside": (),
    "Trafford": (),
    "Wigan": (),
    "Knowsley": (),
    "Sefton": (),
    "St Helens": ("st. helens",),
    "Wirral": (),
    "Cheshire East": (),
    "Cheshire West and Chester": (),
    "Halton": (),
    "Warrington": (),
    "Derbyshire": (),
    "Derby": (),
    "Nottingham": (),
    "Leicestershire": (),
    "Leicester": (),
    "Rutland": (),
    "Northamptonshire": ("north northamptonshire", "west northamptonshire"),
    "Staffordshire": (),
    "Stoke-on-Trent": ("stoke on trent", "stoke"),
    "Shropshire": (),
    "Telford and Wrekin": ("telford",),
    "Herefordshire": (),
    "Worcestershire": (),
    "Warwickshire": (),
    "Solihull": (),
    "Dudley": (),
    "Sandwell": (),
    "Wolverhampton": (),
    "Essex": (),
    "Hertfordshire": ("herts",),
    "Bedford": (),
    "Central Bedfordshire": (),
    "Luton": (),
    "Milton Keynes": (),
    "Buckinghamshire": ("bucks",),
    "Oxfordshire": (),
    "Suffolk": (),
    "Peterborough": (),
    "Southend-on-Sea": ("southend",),
    "Thurrock": (),
    "Kent": (),
    "Medway": (),
    "Surrey": (),
    "Hampshire": (),
    "Portsmouth": (),
    "Southampton": (),
    "Isle of Wight": (),
    "Berkshire": ("west berkshire",),
    "Reading": (),
    "Slough": (),
    "Windsor and Maidenhead": (),
    "Wokingham": (),
    "Bracknell Forest": (),
    "Cornwall": (),
    "Plymouth": (),
    "Torbay": (),
    "Somerset": ("north somerset",),
    "Bristol": (),
    "Bath and North East Somerset": ("banes",),
    "South Gloucestershire": (),
    "Wiltshire": (),
    "Swindon": (),
    "Dorset": (),
    "Bournemouth, Christchurch and Poole": ("bcp", "bournemouth", "poole"),
    "Isles of Scilly": (),
    "Barking and Dagenham": (),
    "Barnet": (),
    "Bexley": (),
    "Brent": (),
    "Bromley": (),
    "Camden": (),
    "City of London": (),
    "Croydon": (),
    "Ealing": (),
    "Enfield": (),
    "Greenwich": (),
    "Hackney": (),
    "Hammersmith and Fulham": (),
    "Haringey": (),
    "Harrow": (),
    "Havering": (),
    "Hillingdon": (),
    "Hounslow": (),
    "Islington": (),
    "Kensington and Chelsea": (),
    "Kingston upon Thames": (),
    "Lambeth": (),
    "Lewisham": (),
    "Merton": (),
    "Newham": (),
    "Redbridge": (),
    "Richmond upon Thames": (),
    "Southwark": (),
    "Sutton": (),
    "Tower Hamlets": (),
    "Waltham Forest": (),
    "Wandsworth": (),
    "Westminster": (),
    # Beyond England: named so that a question about them is not answered from an English council's documents.
    "Glasgow": (),
    "Edinburgh": (),
    "Aberdeen": (),
    "Dundee": (),
    "Cardiff": (),
    "Swansea": (),
    "Newport": (),
    "Wrexham": (),
    "Belfast": (),
}

# Names inside other names must not match on their own ("Tees" in
# "Stockton-on-Tees", "Sussex" in "East Sussex" is fine: same partnership).
_NOT_AFTER = r"(?<![\w-])"
_NOT_BEFORE = r"(?![\w-])"


# Names that are also everyday words match only when capitalised.
_COMMON_WORDS = {"reading", "bury", "harrow", "boro", "stoke", "sutton", "brent", "kent", "halton"}


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(name).replace(r"\ ", r"[\s-]+") for name in names)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for canonical, aliases in _ALIASES.items():
        names = sorted({canonical.lower(), *aliases}, key=len, reverse=True)
        loose = [name for name in names if name not in _COMMON_WORDS]
        strict = [name.title() for name in names if name in _COMMON_WORDS]
        parts = []
        if loose:
            parts.append(f"(?i:{_alternation(loose)})")
        if strict:
            parts.append(f"(?:{_alternation(strict)})")
        patterns.append((canonical, re.compile(_NOT_AFTER + f"(?:{'|'.join(parts)})" + _NOT_BEFORE)))
    return patterns


def find_authorities(text: str) -> list[str]:
    """Canonical names of the authorities named in ``text``, in order of first mention."""
    found: list[tuple[int, str]] = []
    for canonical, pattern in _patterns():
        match = pattern.search(text)
        if match:
            found.append((match.start(), canonical))
    return [name for _, name in sorted(found)]


def mentions(text: str) -> list[str]:
    """The words in ``text`` that name an authority, as written."""
    return [match.group(0) for _, pattern in _patterns() for match in pattern.finditer(text)]
