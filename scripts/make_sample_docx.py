"""Write knowledge/example-assessment-timescales.docx (the sample Word document) from the text below.

Kept as a script so the committed .docx can be regenerated and reviewed as text.
Run: .venv/bin/python scripts/make_sample_docx.py
"""

from __future__ import annotations

from pathlib import Path

import docx

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "example-assessment-timescales.docx"

CONTENT = [
    ("title", "Assessment and Child Protection Timescales (EXAMPLE)"),
    ("p", "Example document supplied with the practice assistant to show how local procedures are answered. "
          "It is not the procedure of any real council. Date: 1 June 2025."),
    ("h1", "Contacts and referrals"),
    ("p", "A decision on every contact is made by a manager in the front door team within one working day of "
          "the contact being received. Where the decision is that a child may be in need, the contact becomes a "
          "referral and is allocated to a social worker."),
    ("h1", "Child and family assessments"),
    ("p", "The social worker sees the child within five working days of the referral, or the same day where "
          "there are concerns about significant harm."),
    ("bullet", "Every assessment is completed within 45 working days of the referral, in line with Working "
               "Together to Safeguard Children."),
    ("bullet", "The team manager agrees a shorter timescale at allocation where the child's needs call for it, "
               "and records it on the child's record."),
    ("bullet", "If an assessment will go beyond 45 working days, the team manager records the reason and the new "
               "completion date before the 45 days have passed."),
    ("h1", "Strategy discussions and section 47 enquiries"),
    ("p", "A strategy discussion is held on the same working day when there is reasonable cause to suspect that "
          "a child is suffering, or is likely to suffer, significant harm. It involves children's social care, "
          "the police and health as a minimum, and is chaired by a team manager."),
    ("p", "Section 47 enquiries are completed and the outcome recorded within 15 working days of the strategy "
          "discussion."),
    ("h1", "Child protection conferences"),
    ("p", "An initial child protection conference is held within 15 working days of the strategy discussion at "
          "which section 47 enquiries were started. The first review conference is held within three months of "
          "the initial conference, and later reviews at intervals of no more than six months."),
]


def main() -> None:
    document = docx.Document()
    document.core_properties.title = CONTENT[0][1]
    for kind, text in CONTENT:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "h1":
            document.add_heading(text, level=1)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(OUT)


if __name__ == "__main__":
    main()
