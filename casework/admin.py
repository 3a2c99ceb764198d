"""Reference data is kept here by an administrator. Casework records change only through use cases."""

from django.contrib import admin
from django.utils import timezone

from casework import security_log
from casework.models import (
    ApiToken,
    BankHolidayOverride,
    DelegationRule,
    Erasure,
    LeadershipContact,
    LegalHold,
    LetterTemplate,
    OutgoingEmail,
    RetentionPeriod,
    SecurityEvent,
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


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(admin.ModelAdmin):
    """How long personal data of each type is kept; `redress purge-expired` erases it afterwards."""

    list_display = ("record_type", "months", "note")


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    """A hold stops erasure of a case, or of a person and all their cases, until it is lifted (set the
    lifted time); who placed it is recorded."""

    list_display = ("case", "service_user", "reason", "placed_by", "placed_at", "lifted_at")
    search_fields = ("=case__reference", "=service_user__reference")
    raw_id_fields = ("case", "service_user")
    readonly_fields = ("placed_by", "placed_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.placed_by, obj.placed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the system writes and nobody adds, edits or deletes by hand: listed and searched only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    """What the purge erased, and when: read only."""

    list_display = ("case", "erased_at", "months", "documents_removed", "events_erased")


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    """Administrators search the security events here; nobody adds, edits or deletes one."""

    list_display = ("at", "event", "username", "address", "object_ref")
    list_filter = ("event", "at")
    search_fields = ("=username", "=address", "object_ref", "event")
    date_hierarchy = "at"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """The outbox, to watch delivery: what waits, what was refused and why. Read only: the worker sends."""

    list_display = ("created_at", "subject", "status", "attempts", "next_attempt_at", "claimed_until", "delivered_at")
    list_filter = ("status",)
    search_fields = ("=message_id", "subject")
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens are issued by `redress api-token` (the key is shown once, there); here they are
    listed and revoked."""

    list_display = ("id", "user", "name", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("=user__username", "name")
    fields = list_display
    readonly_fields = list_display
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            security_log.record(security_log.TOKEN_REVOKED, object_ref=f"api-token #{token.pk}")
        self.message_user(request, "Revoked.")
