"""Reference data is kept here by an administrator. Casework records change only through use cases."""

from django.contrib import admin

from casework.models import (
    BankHolidayOverride,
    DelegationRule,
    LeadershipContact,
    LetterTemplate,
    ServiceCharterCommitment,
    ServiceModelSection,
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
admin.site.register(ServiceModelSection)
admin.site.register(Team)
admin.site.register(StaffProfile)


@admin.register(DelegationRule)
class DelegationRuleAdmin(admin.ModelAdmin):
    list_display = ["subject", "role", "note"]


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    """The casework reads a period by its code, so an existing period's code stays as it is."""

    list_display = ["description", "days", "code"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []
