"""Small inspection-style documents the findings tests write to disk (invented text, real structure)."""

LETTER_2010 = """Title: Unannounced inspection of contact, referral and assessment arrangements within Gateshead Council children's services (letter of 2 March 2010)
Publisher: Ofsted
Date: 2010-03-02
Type: inspection-letter
---
2 March 2010

Director of Children's Services
Gateshead Council

Dear Director

Unannounced inspection of contact, referral and assessment arrangements within Gateshead Council children's services

This letter summarises the findings of the recent unannounced inspection which was conducted on 9 and 10 February 2010.

The service meets the requirements of statutory guidance in the following areas

- Strategy discussions are held promptly and include the police and health.
- Out of hours arrangements are well established.

Areas for priority action

- Ensure that all child protection enquiries are completed by qualified social workers.

Areas for development

- Supervision is infrequent and is not recorded on case files.
- Assessments are not completed within timescales.

Any areas for development identified above will be specifically considered in any future inspection.

Yours sincerely
"""

LETTER_2011 = """Title: Unannounced inspection of contact, referral and assessment arrangements within Gateshead Council children's services (letter of 9 June 2011)
Publisher: Ofsted
Date: 2011-06-09
Type: inspection-letter
---
9 June 2011

Dear Director

This letter summarises the findings of the recent unannounced inspection which was conducted on 10 and 11 May 2011.

The inspection identified areas of practice that met requirements, with some areas for development.

All but two areas of development identified at the previous inspection on 9 and 10 February 2010 have been addressed.

The service meets the requirements of statutory guidance in the following areas

- Decision making regarding children at risk of significant harm is effective.
- Front line managers receive timely management information. This was an area of development at the previous inspection.
- Staff report good access to training.

Areas for development

- Case recording is not sufficiently up to date.
- The frequency and quality of supervision is not in accordance with the authority's requirements. This was an area of development at the previous inspection.
- The completion of assessments is still not sufficiently timely. Reasons for delays are not always
recorded clearly. This was an area of development at the previous inspection.
- Management oversight is not consistently evident on case records.
- Plans do not show how previous concerns about the family were considered.
- Return home interviews were also identified at the last inspection as untimely.

Any areas for development identified above will be specifically considered in any future inspection.

Inspectors spoke to:
- social workers and senior practitioners
- team managers

Yours sincerely
"""

REPORT_2019 = """Title: Gateshead: Inspection of children's social care services (ILACS), inspection dates 20 to 24 May 2019
Publisher: Ofsted
Date: 2019-07-01
Type: inspection-letter
---
Gateshead
Inspection of children's social care services
Inspection dates: 20 May 2019 to 24 May 2019
Judgement Grade The impact of leaders on social work practice with children and families Requires improvement to be good The experiences and progress of children who need help and protection Good The experiences and progress of children in care and care leavers Requires improvement to be good Overall effectiveness Requires improvement to be good
Since the last inspection, services have improved in some areas. Leaders know their service well.
What needs to improve
◼ Clarity in supervision records about changes to children's circumstances.
◼ The timeliness of assessments for children in need.
◼ Sufficiency of placements for older children.
The experiences and progress of children who need help and protection: Good.
1. Children receive a timely response at the front door. Thresholds are well understood.
2. Most assessments are thorough. However, some plans lack timescales.
The experiences and progress of children in care and care leavers: Requires improvement to be good.
3. Children in care are seen regularly by their social workers.
The impact of leaders on social work practice with children and families: Requires improvement to be good
4. Leaders have a clear plan for improvement.
"""

REPORT_2023 = """Title: Inspection of Gateshead local authority children's services (ILACS), inspection dates 6 to 17 March 2023
Publisher: Ofsted
Date: 2023-05-09
Type: inspection-letter
---
Inspection of Gateshead local authority children's services Inspection dates: 6 to 17 March 2023 Lead inspector: A Inspector Judgement Grade The impact of leaders on social work practice with children and families Good The experiences and progress of children who need help and protection Good The experiences and progress of children in care Good The experiences and progress of care leavers Requires improvement to be good Overall effectiveness Good
Children in Gateshead receive good services. Frontline managers provide regular supervision.

What needs to improve?

◼ The quality of pathway plans for care leavers.
◼ Frontline management oversight of the impact of interventions.

The experiences and progress of children who need help and protection: good

1. Strategy meetings are timely and involve the relevant partners.

The experiences and progress of children in care: good

2. Children live in stable homes.

The experiences and progress of care leavers: requires improvement to be good

3. Not all care leavers know their entitlements.

The impact of leaders on social work practice with children and families: good

4. Leaders have improved the service.
"""

PROCEDURE = """Title: Gateshead supervision procedure
Publisher: Gateshead Council
Date: 2022
Type: procedure
---
# Supervision procedure

Supervision must take place at least monthly.

## Recommendations

- Managers should record supervision on the child's file.
"""

# A later-style letter as text from a PDF: odd bullet glyphs, numbered recommendations after a lead-in line.
PDF_STYLE_LETTER = """Title: Focused visit to Gateshead local authority children's services
Publisher: Ofsted
Date: 2021-11-30
Type: inspection-letter
---
Dear Director

Focused visit to Gateshead children's services

This letter summarises the findings of the focused visit to Gateshead children's services on 3 and 4 November 2021.

Areas for priority action
\uf0a7 Management oversight of children on child protection plans so that risk is reviewed.
\uf0a7 The capacity of the workforce in the assessment teams.

Recommendations
The local authority should:
1. Ensure that strategy discussions include health partners.
2. Improve the timeliness of initial child protection conferences.

Ofsted will take the findings of this focused visit into account at the next inspection.
"""
