"""Letter templates render in a sandbox over a fixed context of plain values: the stored templates
are rewritten from the Django template text seeded so far; OAT's reasons are kept on each ground;
the letters of the exits that sent none are seeded; correspondence received is logged on the feedback."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from casework import reference_defaults as defaults

# Django template text in the templates seeded so far, and the same in the sandbox's syntax over the letter context.
DJANGO_TO_SANDBOX = (
    ("{% if case.report_quashed %}", "{% if report_quashed %}"),
    ("{% if feedback.service_finding.upheld %}", "{% if upheld %}"),
    ("{% if follow_on %}", "{% if follow_on_kind %}"),
    ("{% if point.charter_commitment %}", "{% if charter_commitment %}"),
    ("{% if point.service_model_section %}", "{% if service_model_section %}"),
    ("{{ author.get_full_name|default:author.username }}", "{{ author_name }}"),
    ("{{ case.case_owner.get_full_name|default:'your case owner' }}", "{{ case_owner_name }}"),
    ("{{ case.case_owner.get_full_name|default:case.case_owner.username }}", "{{ case_owner_name }}"),
    ("{{ case.case_owner.get_full_name }}", "{{ case_owner_name }}"),
    ("{{ case.decision_date|date:'j F Y' }}", "{{ decision_date }}"),
    ("{{ case.organisation }}", "{{ organisation }}"),
    ("{{ case.reference }}", "{{ case_reference }}"),
    ("{{ case.report_issue_date|default:case.decision_date|date:'j F Y' }}", "{{ report_issue_date }}"),
    ("{{ case.service_user }}", "{{ service_user }}"),
    ("{{ comment_deadline|date:'j F Y' }}", "{{ comment_deadline }}"),
    ("{{ feedback.grounds_deadline|date:'j F Y' }}", "{{ grounds_deadline }}"),
    ("{{ feedback.grounds_received_date|date:'j F Y' }}", "{{ grounds_received_date }}"),
    ("{{ feedback.handling_manager.get_full_name|default:'The manager of your case owner' }}", "{{ handling_manager_name }}"),
    ("{{ feedback.received_date|date:'j F Y' }}", "{{ received_date }}"),
    ("{{ feedback.reference }}", "{{ feedback_reference }}"),
    ("{{ feedback.review_decision.handling_feedback }}", "{{ handling_feedback }}"),
    ("{{ feedback.review_decision.proportionate|yesno:'Yes,No' }}", "{{ 'Yes' if proportionate else 'No' }}"),
    ("{{ feedback.review_decision.remedy_analysis }}", "{{ remedy_analysis }}"),
    ("{{ feedback.service_finding.what_happened }}", "{{ what_happened }}"),
    ("{{ feedback.service_finding.what_should_have_happened }}", "{{ what_should_have_happened }}"),
    ("{{ feedback.summary }}", "{{ feedback_summary }}"),
    ("{{ follow_on.get_kind_display|lower }}", "{{ follow_on_kind }}"),
    ("{{ line_manager.get_full_name|default:line_manager.username }}", "{{ line_manager_name }}"),
    ("{{ original_issue_date|date:'j F Y' }}", "{{ original_issue_date }}"),
    ("{{ point.charter_commitment.number }}: {{ point.charter_commitment.text }}", "{{ charter_commitment }}"),
    ("{{ point.get_kind_display }}", "{{ learning_kind }}"),
    ("{{ point.service_model_section }}", "{{ service_model_section }}"),
    ("{{ point.text }}", "{{ learning_text }}"),
    ("{{ remedy.get_remedy_type_display }}", "{{ remedy.kind }}"),
    # The review letters give OAT's reasons on each ground.
    (
        "{{ ground.finding }}\n{% endfor %}",
        "{{ ground.finding }}{% if ground.reasons %}: {{ ground.reasons }}{% endif %}\n{% endfor %}",
    ),
)


# Back to Django text, the review decision letter's own `upheld` stays as it was: only the service
# complaint's outcome letter read the finding's.
ONLY_IN = {"{% if upheld %}": "service_complaint_outcome"}


def _rewrite(apps, pairs):
    for template in apps.get_model("casework", "LetterTemplate").objects.all():
        subject, body = template.subject, template.body
        for old, new in pairs:
            if ONLY_IN.get(old, template.code) == template.code:
                subject, body = subject.replace(old, new), body.replace(old, new)
        if (subject, body) != (template.subject, template.body):
            template.subject, template.body = subject, body
            template.save(update_fields=["subject", "body"])


def to_sandbox(apps, schema_editor):
    _rewrite(apps, DJANGO_TO_SANDBOX)
    Template = apps.get_model("casework", "LetterTemplate")
    for template in defaults.EXIT_LETTER_TEMPLATES:
        Template.objects.get_or_create(code=template["code"], defaults=template)


def to_django(apps, schema_editor):
    back = {new: old for old, new in reversed(DJANGO_TO_SANDBOX)}  # the first Django spelling of each
    _rewrite(apps, [(new, old) for new, old in back.items()][::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0018_text_length_validators"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="ground",
            name="reasons",
            field=models.TextField(
                blank=True,
                help_text="OAT's reasons for the finding, given in the letter",
                validators=[django.core.validators.MaxLengthValidator(20000)],
            ),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="body",
            field=models.TextField(
                help_text="Template text in the sandbox's syntax: {{ service_user }}, {% if signpost_jr %}...{% endif %}, {% for ground in grounds %}{{ ground.label }}{% endfor %}. Only the names of the letter context may be used; they are listed in the administrators' guide, docs/letter-templates.md"
            ),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="subject",
            field=models.CharField(
                help_text="Template text in the sandbox's syntax: {{ service_user }}, {% if signpost_jr %}...{% endif %}, {% for ground in grounds %}{{ ground.label }}{% endfor %}. Only the names of the letter context may be used; they are listed in the administrators' guide, docs/letter-templates.md",
                max_length=200,
            ),
        ),
        migrations.CreateModel(
            name="InboundCorrespondence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("received_date", models.DateField()),
                ("sender", models.CharField(max_length=200, verbose_name="who it is from")),
                ("channel", models.CharField(max_length=20)),
                ("summary", models.TextField(validators=[django.core.validators.MaxLengthValidator(20000)])),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="the email or letter as received",
                    ),
                ),
                ("logged_at", models.DateTimeField()),
                (
                    "attachment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="correspondence",
                        to="casework.attachment",
                    ),
                ),
                (
                    "feedback_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="correspondence", to="casework.feedbackcase"
                    ),
                ),
                (
                    "logged_by",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL),
                ),
            ],
            options={
                "verbose_name_plural": "inbound correspondence",
                "ordering": ["received_date", "id"],
            },
        ),
        migrations.RunPython(to_sandbox, to_django),
    ]
