"""Documents with review dates and two inspections of one council, for the "is this current?" tests."""

from __future__ import annotations

from pathlib import Path

REFERRALS = """Title: Action on receipt of referrals
Publisher: Example Safeguarding Partnership
Date: 2020
Type: procedure
---
Action on receipt of referrals

Review dates: last reviewed April 2020; next review due April 2022

Every referral received by children's social care is treated as concerning a child who may be in need. A manager
decides on the next step within one working day of the referral arriving, and records the decision and its
reasons on the child's record.
"""

VISITS = """Title: Statutory visits to children in care
Date: 2024-01-10
Type: procedure
Review: next review due January 2099
---
Statutory visits

Children in care are visited within one week of a placement starting, then at intervals of no more than six
weeks. The social worker sees the child alone at each visit and records the visit within three working days.
"""

INSPECTION = """Title: Inspection of Stockton-on-Tees local authority children's services {year}
Publisher: Ofsted
Date: {date}
Type: inspection-letter
Authority: Stockton-on-Tees
---
Inspection of Stockton-on-Tees children's services

Inspection dates: {dates}

Ofsted inspectors found that {finding}

Overall effectiveness: {grade}
"""


def write_currency_docs(folder: Path) -> Path:
    """Four documents: an overdue procedure, a current one, and 2019 and 2023 inspections of Stockton-on-Tees."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "referrals.txt").write_text(REFERRALS)
    (folder / "visits.txt").write_text(VISITS)
    (folder / "ofsted-2019-stockton.txt").write_text(INSPECTION.format(
        year=2019, date="2019-07-01", dates="20 May 2019 to 24 May 2019", grade="Requires improvement to be good",
        finding="private fostering arrangements are not identified consistently, and private fostering "
                "assessments are often late."))
    (folder / "ofsted-2023-stockton.txt").write_text(INSPECTION.format(
        year=2023, date="2023-05-09", dates="27 March 2023 to 6 April 2023", grade="Requires improvement to be good",
        finding="care leavers are supported by personal advisers who know them well."))
    return folder
