"""Typed records for what the blobs on a feedback case held: grounds and the finding on each, the case
owner's answers and analysis, each referral to OAT, the review decision, risk assessments, the proposed
new investigation and the proposal to quash. Existing blobs are converted; 0009 drops them."""

from datetime import date

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from policy.after_review import NEW_INVESTIGATION_GROUNDS

OLD_COLUMNS = (
    "id",
    "received_date",
    "received_by_id",
    "grounds",
    "finding",
    "challenge_answers",
    "challenge_analysis",
    "oat_caseworker_id",
    "referred_on",
    "oat_outcome",
    "oat_directions",
    "risk_assessment",
    "new_investigation",
    "quash_proposal",
)
REVIEW_DECISION_TEXT = ("remedy_analysis", "impact", "proportionality", "restoring_position", "handling_feedback")
QUASH_CRITERIA = ("missed_or_new_evidence", "incontrovertibly_wrong", "no_other_way", "public_interest")
# Letter templates named the old blob; they now name the typed record.
TEMPLATE_TEXT = (
    ("feedback.finding.what_happened", "feedback.service_finding.what_happened"),
    ("feedback.finding.what_should_have_happened", "feedback.service_finding.what_should_have_happened"),
    ("feedback.finding.upheld", "feedback.service_finding.upheld"),
    ("feedback.finding.", "feedback.review_decision."),
)


def _date(value):
    return date.fromisoformat(value) if value else None


def convert_blobs(apps, schema_editor):
    """Each blob or referral column becomes its typed record; usernames become the people they name."""
    model = apps.get_model
    users = {name: pk for pk, name in model(*settings.AUTH_USER_MODEL.split(".")).objects.values_list("pk", "username")}
    for row in model("casework", "FeedbackCase").objects.order_by("id").values(*OLD_COLUMNS).iterator(chunk_size=2000):
        convert_row(model, users, row)
    convert_templates(model("casework", "LetterTemplate").objects)


def convert_templates(templates):
    for template in templates.filter(body__contains="feedback.finding."):
        for old, new in TEMPLATE_TEXT:
            template.body = template.body.replace(old, new)
        template.save(update_fields=["body"])


def convert_row(model, users, row):
    feedback_id, finding = row["id"], row["finding"] or {}
    grounds = row["grounds"] or {}
    if grounds:
        record = model("casework", "Grounds").objects.create(
            feedback_case_id=feedback_id,
            marked=grounds.get("marked") or "Challenge to our decision",
            why_wrong=grounds.get("why_wrong", ""),
            what_they_want=grounds.get("what_they_want", ""),
            evidence=grounds.get("evidence", ""),
        )
        found = finding.get("grounds", {})
        for ground_type in dict.fromkeys(grounds.get("ground_types", ())):
            model("casework", "Ground").objects.create(
                grounds=record, ground_type=ground_type, finding=found.get(ground_type, "")
            )
    if "route" in finding or "handling_feedback" in finding:
        model("casework", "ReviewDecision").objects.create(
            feedback_case_id=feedback_id,
            upheld=bool(finding.get("upheld")),
            route=finding.get("route") or "no_further_work",
            proportionate=bool(finding.get("proportionate")),
            **{name: finding.get(name) or "" for name in REVIEW_DECISION_TEXT},
        )
    elif "what_happened" in finding:
        model("casework", "ServiceFinding").objects.create(
            feedback_case_id=feedback_id,
            what_happened=finding["what_happened"],
            what_should_have_happened=finding.get("what_should_have_happened", ""),
            difference=finding.get("difference", ""),
            upheld=bool(finding.get("upheld")),
        )
    if row["challenge_answers"]:
        model("casework", "ChallengeAnswers").objects.create(feedback_case_id=feedback_id, **row["challenge_answers"])
    if row["challenge_analysis"]:
        model("casework", "ChallengeAnalysis").objects.create(feedback_case_id=feedback_id, **row["challenge_analysis"])
    if row["referred_on"] or row["oat_caseworker_id"] or row["oat_outcome"]:
        model("casework", "Referral").objects.create(
            feedback_case_id=feedback_id,
            referred_on=row["referred_on"] or row["received_date"],
            oat_caseworker_id=row["oat_caseworker_id"],
            outcome=row["oat_outcome"],
            directions=row["oat_directions"],
        )
    assessment = row["risk_assessment"]
    if assessment:
        model("casework", "RiskAssessment").objects.create(
            feedback_case_id=feedback_id,
            risk=assessment["risk"],
            assessment=assessment.get("assessment", ""),
            assessed_by_id=users.get(assessment.get("by")),
            assessed_on=_date(assessment.get("on")) or row["received_date"],
        )
    proposal = row["new_investigation"]
    if proposal:
        record = model("casework", "NewInvestigationProposal").objects.create(
            feedback_case_id=feedback_id,
            ground=proposal["ground"],
            summary=proposal.get("summary", ""),
            comment_deadline=_date(proposal.get("comment_deadline")) or row["received_date"],
            consideration=proposal.get("consideration", ""),
            withdrawn=proposal.get("withdrawn", ""),
        )
        for party, comment in proposal.get("comments", {}).items():
            model("casework", "PartyComment").objects.create(
                proposal=record,
                party=party,
                comments=comment.get("comments", ""),
                received=_date(comment.get("received")) or row["received_date"],
            )
    quash = row["quash_proposal"]
    if quash:
        criteria = quash.get("criteria", {})
        model("casework", "QuashProposal").objects.create(
            feedback_case_id=feedback_id,
            reasons=quash.get("reasons", ""),
            proposed_by_id=users.get(quash.get("proposed_by")),
            legal_advice=quash.get("legal_advice", ""),
            **{name: bool(criteria.get(name)) for name in QUASH_CRITERIA},
        )


def restore_blobs(apps, schema_editor):
    """Back to the blobs: the latest referral and risk assessment, as the old columns held only those."""
    model = apps.get_model
    feedback = model("casework", "FeedbackCase").objects
    for pk in list(feedback.order_by("id").values_list("pk", flat=True)):
        feedback.filter(pk=pk).update(**restore_row(model, pk))
    for template in model("casework", "LetterTemplate").objects.all():
        body = template.body.replace("feedback.service_finding.", "feedback.finding.").replace(
            "feedback.review_decision.", "feedback.finding."
        )
        if body != template.body:
            template.body = body
            template.save(update_fields=["body"])


def restore_row(model, feedback_id):
    old = {}
    grounds = model("casework", "Grounds").objects.filter(feedback_case_id=feedback_id).first()
    items = list(model("casework", "Ground").objects.filter(grounds=grounds).order_by("id")) if grounds else []
    if grounds:
        old["grounds"] = {
            "marked": grounds.marked,
            "ground_types": [item.ground_type for item in items],
            "why_wrong": grounds.why_wrong,
            "what_they_want": grounds.what_they_want,
            "evidence": grounds.evidence,
        }
    decision = model("casework", "ReviewDecision").objects.filter(feedback_case_id=feedback_id).first()
    service = model("casework", "ServiceFinding").objects.filter(feedback_case_id=feedback_id).first()
    if decision:
        old["finding"] = {
            "grounds": {item.ground_type: item.finding for item in items if item.finding},
            "upheld": decision.upheld,
            "route": decision.route,
            "proportionate": decision.proportionate,
            **{name: getattr(decision, name) for name in REVIEW_DECISION_TEXT},
        }
    elif service:
        old["finding"] = {
            name: getattr(service, name) for name in ("what_happened", "what_should_have_happened", "difference", "upheld")
        }
    for name, column, fields in (
        (
            "ChallengeAnswers",
            "challenge_answers",
            ("jr_threat_or_unlawful_allegation", "brought_by_organisation", "specialist_subject"),
        ),
        ("ChallengeAnalysis", "challenge_analysis", ("is_challenge", "clear_evidence", "genuine_doubt")),
    ):
        record = model("casework", name).objects.filter(feedback_case_id=feedback_id).first()
        if record:
            old[column] = {field: getattr(record, field) for field in fields}
    referral = model("casework", "Referral").objects.filter(feedback_case_id=feedback_id).order_by("-id").first()
    if referral:
        old.update(
            referred_on=referral.referred_on,
            oat_caseworker_id=referral.oat_caseworker_id,
            oat_outcome=referral.outcome,
            oat_directions=referral.directions,
        )
    assessment = model("casework", "RiskAssessment").objects.filter(feedback_case_id=feedback_id).order_by("-id").first()
    if assessment:
        by = assessment.assessed_by.username if assessment.assessed_by_id else ""
        old["risk_assessment"] = {
            "risk": assessment.risk,
            "assessment": assessment.assessment,
            "by": by,
            "on": str(assessment.assessed_on),
        }
    proposal = model("casework", "NewInvestigationProposal").objects.filter(feedback_case_id=feedback_id).first()
    if proposal:
        comments = model("casework", "PartyComment").objects.filter(proposal=proposal)
        old["new_investigation"] = {
            "ground": proposal.ground,
            "ground_label": dict(NEW_INVESTIGATION_GROUNDS).get(proposal.ground, ""),
            "summary": proposal.summary,
            "comment_deadline": str(proposal.comment_deadline),
            "comments": {c.party: {"comments": c.comments, "received": str(c.received)} for c in comments},
            **({"consideration": proposal.consideration} if proposal.consideration else {}),
            **({"withdrawn": proposal.withdrawn} if proposal.withdrawn else {}),
        }
    quash = model("casework", "QuashProposal").objects.filter(feedback_case_id=feedback_id).first()
    if quash:
        old["quash_proposal"] = {
            "criteria": {name: getattr(quash, name) for name in QUASH_CRITERIA},
            "reasons": quash.reasons,
            "proposed_by": quash.proposed_by.username if quash.proposed_by_id else "",
            **({"legal_advice": quash.legal_advice} if quash.legal_advice else {}),
        }
    return old


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0011_audit_chain_per_case"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChallengeAnalysis",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("is_challenge", models.BooleanField()),
                ("clear_evidence", models.BooleanField()),
                ("genuine_doubt", models.BooleanField()),
                (
                    "analysed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="challenge_analysis", to="casework.feedbackcase"
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ChallengeAnswers",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("jr_threat_or_unlawful_allegation", models.BooleanField()),
                ("brought_by_organisation", models.BooleanField()),
                ("specialist_subject", models.BooleanField()),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="challenge_answers", to="casework.feedbackcase"
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Grounds",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("marked", models.CharField(default="Challenge to our decision", max_length=60)),
                ("why_wrong", models.TextField()),
                ("what_they_want", models.TextField(blank=True)),
                ("evidence", models.TextField(blank=True)),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="grounds", to="casework.feedbackcase"
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="NewInvestigationProposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "ground",
                    models.CharField(
                        choices=[
                            ("evidence_flawed", "The evidence we used was flawed"),
                            ("unfair_process", "We were unfair in the way we undertook the investigation"),
                            (
                                "significant_new_information",
                                "New information would have had a significant impact on the decision",
                            ),
                        ],
                        max_length=40,
                    ),
                ),
                ("summary", models.TextField()),
                ("comment_deadline", models.DateField()),
                (
                    "consideration",
                    models.TextField(blank=True, help_text="How OAT considered the comments, once they decide to go ahead"),
                ),
                ("withdrawn", models.TextField(blank=True, help_text="Why we will not go ahead, if we will not")),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="new_investigation", to="casework.feedbackcase"
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="QuashProposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("missed_or_new_evidence", models.BooleanField(default=False)),
                ("incontrovertibly_wrong", models.BooleanField(default=False)),
                ("no_other_way", models.BooleanField(default=False)),
                ("public_interest", models.BooleanField(default=False)),
                ("reasons", models.TextField()),
                ("legal_advice", models.TextField(blank=True)),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="quash_proposal", to="casework.feedbackcase"
                    ),
                ),
                (
                    "legal_advice_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        help_text="Empty only on a proposal recorded before proposers were kept as people, whose name was not found",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ReviewDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("upheld", models.BooleanField()),
                (
                    "route",
                    models.CharField(
                        choices=[
                            ("no_further_work", "No further work: the finding and explanation are the remedy"),
                            ("remedy", "A remedy such as an apology or a service improvement"),
                            ("financial_remedy", "A financial remedy"),
                            ("fresh_primary_investigation", "A fresh primary investigation"),
                            ("new_detailed_investigation", "A new detailed investigation (exceptional)"),
                        ],
                        max_length=30,
                    ),
                ),
                ("remedy_analysis", models.TextField(blank=True)),
                ("impact", models.TextField(blank=True)),
                ("proportionality", models.TextField(blank=True)),
                ("restoring_position", models.TextField(blank=True)),
                ("handling_feedback", models.TextField()),
                ("proportionate", models.BooleanField()),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="review_decision", to="casework.feedbackcase"
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="RiskAssessment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("risk", models.CharField(choices=[("low", "Low"), ("medium", "Medium"), ("high", "High")], max_length=10)),
                ("assessment", models.TextField()),
                ("assessed_on", models.DateField()),
                (
                    "assessed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "feedback_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="risk_assessments", to="casework.feedbackcase"
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="ServiceFinding",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("what_happened", models.TextField()),
                ("what_should_have_happened", models.TextField()),
                ("difference", models.TextField()),
                ("upheld", models.BooleanField()),
                (
                    "feedback_case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="service_finding", to="casework.feedbackcase"
                    ),
                ),
                (
                    "found_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Ground",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "ground_type",
                    models.CharField(
                        choices=[
                            ("inaccurate_facts", "The facts were inaccurate"),
                            ("new_information", "There is new and relevant information"),
                            ("overlooked", "Something was overlooked or misunderstood"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "finding",
                    models.CharField(blank=True, choices=[("upheld", "Upheld"), ("not_upheld", "Not upheld")], max_length=20),
                ),
                (
                    "grounds",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="items", to="casework.grounds"),
                ),
            ],
            options={
                "ordering": ["id"],
                "constraints": [models.UniqueConstraint(fields=("grounds", "ground_type"), name="one_finding_per_ground_type")],
            },
        ),
        migrations.CreateModel(
            name="PartyComment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "party",
                    models.CharField(
                        choices=[("service_user", "The service user"), ("organisation", "The organisation complained about")],
                        max_length=20,
                    ),
                ),
                ("comments", models.TextField()),
                ("received", models.DateField()),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="casework.newinvestigationproposal",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "constraints": [models.UniqueConstraint(fields=("proposal", "party"), name="one_comment_per_party")],
            },
        ),
        migrations.CreateModel(
            name="Referral",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("referred_on", models.DateField()),
                ("note", models.TextField(blank=True)),
                ("assigned_at", models.DateTimeField(blank=True, null=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("returned_more_information", "Returned to caseworker: more information needed"),
                            ("returned_further_work", "Returned to caseworker: further work required"),
                            (
                                "returned_service_complaint",
                                "Returned to caseworker: not for OAT, a service complaint",
                            ),
                            (
                                "review_criteria_not_met",
                                "Returned to caseworker: not for OAT, review criteria not met",
                            ),
                            ("returned_other", "Returned to caseworker: not for OAT, other"),
                            ("accepted", "Accepted by OAT"),
                        ],
                        max_length=40,
                    ),
                ),
                ("directions", models.TextField(blank=True)),
                ("decided_on", models.DateField(blank=True, help_text="When OAT gave their outcome", null=True)),
                (
                    "feedback_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="referrals", to="casework.feedbackcase"
                    ),
                ),
                (
                    "oat_caseworker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="oat_referrals",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "referred_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "indexes": [models.Index(fields=["feedback_case", "-id"], name="referral_latest")],
            },
        ),
        migrations.RunPython(convert_blobs, restore_blobs),
    ]
