"""Demo notice board documents for Willowbrook (R27): the latest Ofsted report, the complaints
procedure and two policies, each a small real PDF. Idempotent: found by setting, kind and title.
The files have fixed names (never served but through the permission-checked view), so seeding
a fresh database again, as the tests do, reuses them instead of leaving new files behind."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tandem.core.models import Setting, User

from ..models.board import SettingDocument

Kind = SettingDocument.Kind

# (kind, title, summary, days ago, lines of the page)
DOCUMENTS = [
    (
        Kind.OFSTED_REPORT,
        "Ofsted inspection report",
        "Overall effectiveness: Good",
        420,
        [
            "Willowbrook Community Preschool, URN EY123456",
            "Inspection under the Education and Inspections Act 2006",
            "",
            "Overall effectiveness: Good",
            "The quality of education: Good",
            "Behaviour and attitudes: Good",
            "Personal development: Outstanding",
            "Leadership and management: Good",
            "",
            "(A sample report for the Tandem demo.)",
        ],
    ),
    (
        Kind.COMPLAINTS,
        "Complaints procedure",
        "How to raise a concern or make a complaint, and how we answer within 28 days.",
        120,
        [
            "1. Talk to your child's key person or the manager first: most worries are put right at once.",
            "2. If you are not satisfied, write to the manager, Sarah Whitfield.",
            "3. We investigate and tell you the outcome in writing within 28 days.",
            "4. If you are still not satisfied, write to the chair of trustees.",
            "5. You may contact Ofsted at any time: 0300 123 1231, enquiries@ofsted.gov.uk,",
            "   Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD.",
            "We keep a record of complaints and show it to Ofsted on request.",
        ],
    ),
    (
        Kind.POLICY,
        "Safeguarding and child protection policy",
        "How we keep children safe, and what every adult at the preschool must do if they are worried.",
        90,
        [
            "Our designated safeguarding lead is Grace Mensah; the deputy DSL is Tomasz Nowak.",
            "Every adult working here is trained, DBS-checked and knows how to report a concern.",
            "We follow the Somerset Safeguarding Children Partnership's procedures.",
            "Mobile phones and cameras are not used in the rooms.",
        ],
    ),
    (
        Kind.POLICY,
        "Behaviour policy",
        "How we help children learn to manage their feelings and get on with others.",
        180,
        [
            "We praise and model kind behaviour, and we never use physical punishment.",
            "We help children name their feelings and find words to solve disagreements.",
            "We work with families and share what works at home and at preschool.",
        ],
    ),
]


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with a title and lines of text (Helvetica), built by hand: valid, tiny,
    and quick enough for the demo seed."""

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({text(line)}) '" for line in lines)
    content = f"BT /F1 18 Tf 56 780 Td ({text(title)}) Tj /F1 11 Tf 16 TL 0 -14 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    today = timezone.localdate()
    for kind, title, summary, days_ago, lines in DOCUMENTS:
        if SettingDocument.objects.filter(setting=setting, kind=kind, title=title).exists():
            continue
        content = tiny_pdf(title, lines)
        document = SettingDocument(
            setting=setting,
            kind=kind,
            title=title,
            summary=summary,
            dated=today - dt.timedelta(days=days_ago),
            size=len(content),
            uploaded_by=manager,
        )
        name = f"documents/demo-{hashlib.sha256(content).hexdigest()[:24]}.pdf"
        if default_storage.exists(name):
            document.file.name = name
        else:
            document.file.save(name.removeprefix("documents/"), ContentFile(content), save=False)
        document.save()
