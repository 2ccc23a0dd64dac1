"""Roles people hold in an organisation or a setting. The access layer's rules name these."""

from django.db import models


class OrganisationRole(models.TextChoices):
    OWNER = "owner", "Owner, director or trustee"
    LINE_MANAGER = "line_manager", "Line manager"


class SettingRole(models.TextChoices):
    MANAGER = "manager", "Setting manager"
    DEPUTY = "deputy", "Deputy manager"
    PRACTITIONER = "practitioner", "Practitioner"
    SENCO = "senco", "SENCO"
    DSL = "dsl", "Designated safeguarding lead"
    ADMINISTRATOR = "administrator", "Administrator"
    VOLUNTEER = "volunteer", "Volunteer or student"


# Those who run a setting day to day and may manage its children and families.
MANAGERS = (SettingRole.MANAGER, SettingRole.DEPUTY)
RECORD_KEEPERS = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.ADMINISTRATOR)
# Those whose role needs every child's record in the setting.
LEADERSHIP = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.SENCO, SettingRole.DSL)
