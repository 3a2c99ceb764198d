"""Reference data is kept here by an administrator. Casework records change only through use cases."""

from django.contrib import admin

from casework.models import (
    BankHolidayOverride,
    DelegationRule,
    LeadershipContact,
    LetterTemplate,
    ServiceCharterCommitment,
    SeverityLevel,
    StaffProfile,
    Team,
    TimeLimit,
)

admin.site.register(ServiceCharterCommitment)
admin.site.register(SeverityLevel)
admin.site.register(BankHolidayOverride)
admin.site.register(LetterTemplate)
admin.site.register(LeadershipContact)
admin.site.register(DelegationRule)
admin.site.register(TimeLimit)
admin.site.register(Team)
admin.site.register(StaffProfile)
