from tandem.core.tests.personas import RECORD_KEEPERS, only

ROWS = [
    ("enrolment.imports.run", "setting", only(*RECORD_KEEPERS)),
    ("enrolment.imports.run", "other_setting", only("other_manager")),
    ("enrolment.imports.run", None, only(*RECORD_KEEPERS, "other_manager")),
]
