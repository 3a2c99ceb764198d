"""What the API sends back: typed shapes, so the OpenAPI schema documents every response."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from casework.limits import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from policy.facts import Channel, ClosureReason, FeedbackKind, Risk, Stage
from policy.workflows.registry import WORKFLOWS


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store or compare a NUL character: refuse it here rather than fail there.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    # JSON can spell half of a UTF-16 pair ("\ud800"), which is no character and cannot be stored.
    if any("\ud800" <= character <= "\udfff" for character in value):
        raise ValueError("must not contain a lone surrogate (half of a UTF-16 pair): check the text's encoding")
    return value


Text = Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=LONG_TEXT_MAX_LENGTH)]
ShortText = Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=TEXT_MAX_LENGTH)]


class ErrorItem(Schema):
    field: str | None = None
    paragraph: str | None = None
    message: str


class ErrorOut(Schema):
    """Every 4xx: a sentence, and the problems one by one (with the guidance paragraph when a rule refused)."""

    detail: str
    errors: list[ErrorItem] = []


class CaseFlags(Schema):
    supervised: bool
    joint_with_lgsco: bool
    mp_involved: bool
    reviews_go_to_oat_first: bool
    behaviour_restriction: bool
    previous_review_upheld: bool


class CaseSummary(Schema):
    reference: str
    service_user: str
    organisation: str
    team: str
    decision_date: date
    stage: str
    risk: str

    @staticmethod
    def resolve_service_user(case) -> str:
        return case.service_user.name

    @staticmethod
    def resolve_organisation(case) -> str:
        return case.organisation.name

    @staticmethod
    def resolve_team(case) -> str:
        return case.team.name


class FeedbackSummary(Schema):
    reference: str
    case_reference: str
    kind: str
    state: str
    state_label: str
    received_date: date


class DecisionOut(Schema):
    """A decision on the case: usually the final one, sometimes a partial decision on a case still open (para 20)."""

    id: int
    decided_on: date
    what_was_decided: str
    report_issue_date: date | None


class CaseOut(Schema):
    """A case. The flags of paras 22 and 37 are its service user's, as they stand today. The `ETag`
    is its version, for `If-Match` on a correction."""

    reference: str
    service_user: str
    service_user_reference: str
    organisation: str
    team: str
    case_owner: str
    manager: str
    stage: str
    risk: str
    closure_reason: str | None
    received_on: date | None
    decision_date: date
    report_issue_date: date | None
    review_count: int
    version: int
    decisions: list[DecisionOut]
    flags: CaseFlags
    jr_date: date
    grounds_due_by: date
    feedback: list[FeedbackSummary]


class TaskOut(Schema):
    id: int
    code: str
    subject: str
    assigned_role: str
    assigned_to: str | None
    due_date: date | None


class LetterOut(Schema):
    id: int
    subject: str
    addressee: str
    created_at: datetime
    status: Literal["draft", "queued", "delivered", "failed", "to_post", "posted"] = Field(
        description="draft: its author has yet to send it; queued: sending by email; delivered: the mail server took it "
        "(or, for a notice to staff, it reached them in Redress); failed: not delivered after every retry; "
        "to_post: to print and post; posted: posted on the date recorded"
    )
    channel: Literal["email", "post", "app"]


class RequiredPassageOut(Schema):
    paragraph: str = Field(description="The paragraph of the guidance that requires it")
    what: str
    text: str = Field(description="The words the letter must keep")


class LetterEmailOut(Schema):
    """One email carrying the letter, through the outbox."""

    status: Literal["queued", "sending", "delivered", "failed"]
    attempts: int
    last_error: str = Field(description="Why the last attempt failed, if one did")
    next_attempt_at: datetime | None = Field(description="When a refused email is tried again")
    claimed_until: datetime | None = Field(
        description="While it is being sent: if the mail server's acceptance is not recorded by then, it is sent again "
        "with the same Message-ID"
    )
    delivered_at: datetime | None


class LetterDetailOut(LetterOut):
    """A letter with its words and how it went. The `ETag` is its version, for `If-Match` on an edit or a send."""

    body: str
    copied_to: str
    created_by: str = Field(description="Who drafted it: only they may edit or send it")
    required_passages: list[RequiredPassageOut] = Field(
        description="What the guidance requires it to say: an edit may not remove it"
    )
    may_edit: bool = Field(description="Whether the caller may edit it now (its author, while it is a draft)")
    may_send: bool = Field(description="Whether the caller may send it now (its author, while a draft or not delivered)")
    recipient_email: str
    address: str
    preferred_format: str
    sent_at: datetime | None
    delivered_at: datetime | None
    posted_on: date | None
    emails: list[LetterEmailOut]
    pdf_url: str


class LetterEditIn(Schema):
    """A draft's new subject or text, or both; what is not sent stays as it is."""

    model_config = ConfigDict(extra="forbid")

    subject: ShortText | None = None
    body: Text | None = None


class LetterSendIn(Schema):
    """How to send it: by `email` to an address, or to print and `post` (to `address`, or the address it has)."""

    model_config = ConfigDict(extra="forbid")

    channel: Literal["email", "post"] | None = None
    email: ShortText = ""
    address: ShortText = ""


class RemedyOut(Schema):
    remedy_type: str
    details: str
    severity_level: int | None
    amount: Decimal | None
    out_of_range_reason: str


class LearningPointOut(Schema):
    kind: str
    text: str
    service_model_section: str
    charter_commitment: int | None
    shared_with: str
    fed_back_to: str | None
    fed_back_at: datetime | None


class GroundsOut(Schema):
    """The grounds for review, marked 'Challenge to our decision', each as one of the review criteria (para 38)."""

    marked: str
    ground_types: list[str]
    why_wrong: str
    what_they_want: str
    evidence: str


class ChallengeAnswersOut(Schema):
    """The case owner's answers on whether OAT's advice is needed (para 26)."""

    jr_threat_or_unlawful_allegation: bool
    brought_by_organisation: bool
    specialist_subject: bool


class ChallengeAnalysisOut(Schema):
    """The pro-forma analysis of the grounds (paras 38 to 42)."""

    is_challenge: bool
    clear_evidence: bool
    genuine_doubt: bool


class RiskAssessmentOut(Schema):
    """The latest risk assessment before further work (paras 77, 78); `by` is the person's name."""

    risk: str
    assessment: str
    by: str | None
    on: date


class OatReferralOut(Schema):
    """One referral to OAT (para 46): who took it (para 47), OAT's outcome and directions (para 48)."""

    referred_on: date
    referred_by: str | None
    note: str
    oat_caseworker: str | None
    assigned_at: datetime | None
    outcome: str
    outcome_label: str
    directions: str
    decided_on: date | None


class ReviewFindingOut(Schema):
    """OAT's review decision: the finding on each ground, the route and the remedy analysis (paras 51 to 59)."""

    grounds: dict[str, str]
    upheld: bool
    route: str
    remedy_analysis: str
    impact: str
    proportionality: str
    restoring_position: str
    handling_feedback: str
    proportionate: bool


class ServiceFindingOut(Schema):
    """The manager's finding on a complaint about our service (para 17)."""

    what_happened: str
    what_should_have_happened: str
    difference: str
    upheld: bool


class ReviewOut(Schema):
    """A complaint about our decision under review: OAT advice, the pro-forma, the referrals, the decision.

    `referred_on`, `oat_caseworker`, `oat_outcome` and `oat_directions` are the current (latest)
    referral's; `referrals` lists every referral, oldest first, each with its own outcome (para 46).
    `finding` is OAT's review decision, or on a complaint about our service the manager's finding;
    null until made."""

    challenge_answers: ChallengeAnswersOut | None
    oat_advice_question: str
    oat_advice_decision: str
    oat_advice: str
    challenge_analysis: ChallengeAnalysisOut | None
    risk_assessment: RiskAssessmentOut | None
    referred_on: date | None
    oat_caseworker: str | None
    oat_outcome: str
    oat_directions: str
    referrals: list[OatReferralOut]
    decided_on: date | None
    finding: ReviewFindingOut | ServiceFindingOut | None


class PartyCommentsOut(Schema):
    party: str
    label: str
    comments: str
    received: date | None


class NewInvestigationOut(Schema):
    """A proposed new detailed investigation: the exceptional ground (para 62), what we propose to
    investigate, the comment deadline and each party's comments (para 63), how they were considered (para 64)."""

    ground: str
    ground_label: str
    summary: str
    comment_deadline: date | None
    comments: list[PartyCommentsOut]
    consideration: str
    withdrawn: str


class QuashCriterionOut(Schema):
    name: str
    label: str
    held: bool


class QuashProposalOut(Schema):
    """A proposal to quash the report: each para 67 circumstance, the reasons, and the Legal Team's view (para 68)."""

    criteria: list[QuashCriterionOut]
    reasons: str
    proposed_by: str  # the OAT caseworker's name
    legal_advice: str


class ApprovalOut(Schema):
    """A proposal decided under the Delegation Scheme: who proposed it and when, who decided, the decision, why (para 72)."""

    subject: str
    subject_label: str
    approver_role: str
    summary: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    approved: bool | None
    reasons: str


class FollowOnCaseOut(Schema):
    """An investigation arranged after the review (paras 57, 64, 65); `new_reference` once shared services open it."""

    kind: str
    kind_label: str
    priority: bool
    summary: str
    allocation_advice: str
    new_reference: str | None
    opened_on: date | None
    arranged_at: datetime


class FollowUpOut(Schema):
    """Contact received after our process ended, and what we decided to do about it (para 75)."""

    id: int
    received_date: date
    channel: str
    summary: str
    response: str
    logged_by: str
    logged_at: datetime


class CorrespondenceOut(Schema):
    """One piece of a feedback's correspondence: a letter we sent, or correspondence received."""

    on: date
    direction: Literal["outgoing", "incoming"] = Field(description="A letter we sent, or correspondence received")
    party: str = Field(description="Who a letter went to, or who correspondence came from")
    channel: str
    what: str = Field(description="A letter's subject, or the summary of correspondence received")
    text: str = Field(description="Correspondence received as pasted; empty for a letter")
    letter_id: int | None
    attachment_id: int | None = Field(description="The scan of correspondence received, among the attachments")


class FeedbackOut(Schema):
    reference: str
    case_reference: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    terminal: bool
    received_date: date
    channel: str
    summary: str
    reasonable_adjustments: str
    jr_in_prospect: bool
    decision_date: date  # of the decision complained about (para 20): its deadlines run from it
    raised_late: str | None
    grounds_deadline: date | None
    grounds_received_date: date | None
    grounds: GroundsOut | None  # null until the grounds are received
    exceptional_reason: str
    exceptional_review_agreed: bool
    legal_advice: str
    outcome_note: str
    jr_date: date
    will_not_argue_delay: bool
    report_quashed: bool
    quashed_on: date | None
    open_tasks: list[TaskOut]
    letters: list[LetterOut]
    review: ReviewOut
    remedies: list[RemedyOut]
    learning_points: list[LearningPointOut]
    new_investigation: NewInvestigationOut | None
    quash_proposal: QuashProposalOut | None
    approvals: list[ApprovalOut]
    follow_on_cases: list[FollowOnCaseOut]
    follow_ups: list[FollowUpOut]
    created_at: datetime
    updated_at: datetime


class EventOut(Schema):
    at: datetime
    actor_name: str
    action: str
    summary: str
    before: dict[str, Any]
    after: dict[str, Any]


class ChoiceOut(Schema):
    value: str
    label: str


class FieldOut(Schema):
    name: str
    label: str
    kind: str
    hint: str
    required: bool
    required_by: str | None
    choices: list[ChoiceOut]


class ReasonOut(Schema):
    paragraph: str
    message: str


class AvailableAction(Schema):
    name: str
    label: str
    paragraphs: list[str]
    guidance: str
    fields: list[FieldOut]


class ClosedAction(Schema):
    name: str
    label: str
    paragraphs: list[str]
    reasons: list[ReasonOut]


class ActionsOut(Schema):
    available: list[AvailableAction]
    closed: list[ClosedAction]


# The 4xx every authenticated operation may answer with; each operation adds its own.
UNAUTHORISED = {401: ErrorOut}
NOT_FOUND = {404: ErrorOut}
INVALID = {422: ErrorOut}
CSRF_FAILED = {403: ErrorOut}
PRECONDITION_FAILED = {412: ErrorOut}
UNREADABLE_UPLOAD = {400: ErrorOut}  # multipart the server cannot parse (api/errors.py)


# Only the kinds whose workflow is declared can be logged.
LoggableKind = Literal[tuple(kind.value for kind in WORKFLOWS)]  # type: ignore[valid-type]


class NewFeedbackIn(Schema):
    """A complaint about our decision, as received. Missing dates and channels are refused by the
    guidance (para 7), naming the field, like any other rule."""

    model_config = ConfigDict(extra="forbid")

    kind: LoggableKind = FeedbackKind.DECISION_COMPLAINT.value  # type: ignore[valid-type]
    received_date: date | None = None
    channel: Channel | None = None
    summary: Text = ""
    reasonable_adjustments: ShortText = ""
    jr_in_prospect: bool = False
    decision: int | None = Field(
        None, description="The id of the decision complained about (see the case's `decisions`); the latest when not given"
    )


class NewFollowUpIn(Schema):
    """Contact received after our process ended (para 75). Missing or impossible values are refused
    by the use case, naming the field and citing para 75."""

    model_config = ConfigDict(extra="forbid")

    received_date: date | None = None
    channel: Channel | None = None
    summary: Text = ""
    response: Text = ""


# A case or feedback reference in a path (PostgreSQL cannot compare a NUL character: refused with 422).
Reference = Annotated[str, AfterValidator(_no_nul)]


class AttachmentOut(Schema):
    """A document on a feedback case. `name` is as uploaded (for display); `content_type` was detected from the bytes.
    `active_content` names what in a PDF could act when it is opened (JavaScript, embedded files, ...): open it with care.
    Every document was scanned for malware before it was kept."""

    id: int
    kind: str
    kind_label: str
    description: str
    name: str
    content_type: str
    size: int
    sha256: str
    active_content: str
    uploaded_by: str
    uploaded_at: datetime
    content_url: str


# --- case records and service users, kept by shared services ---------------------------------

RecordReference = Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=20)]
Name = Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=200)]


class ServiceUserIn(Schema):
    """A service user's details. A malformed email, postcode or phone number is refused with 422, naming the field.
    `behaviour_restricted_from` restricts access to a review (para 22) from that day on all their cases until cleared;
    `reviews_go_to_oat_first` sends any complaint of theirs about our decision straight to OAT (para 37)."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    address_lines: ShortText | None = None
    postcode: Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=10)] | None = None
    email: Name | None = None
    phone: Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=30)] | None = None
    preferred_channel: Literal["email", "post", "phone"] | None = None
    preferred_format: Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=120)] | None = None
    reasonable_adjustments: Text | None = None
    reviews_go_to_oat_first: bool | None = None
    behaviour_restricted_from: date | None = None
    behaviour_restriction_review: date | None = None


class CaseFieldsIn(Schema):
    """The fields of a case record. People and teams are named: `service_user` by reference, `team` by name,
    `case_owner` and `manager` by username (the manager defaults to the case owner's line manager)."""

    model_config = ConfigDict(extra="forbid")

    service_user: RecordReference | None = None
    organisation: Name | None = None
    team: Name | None = None
    case_owner: Name | None = None
    manager: Name | None = None
    stage: Stage | None = None
    risk: Risk | None = None
    received_on: date | None = None
    decision_date: date | None = None
    report_issue_date: date | None = None
    closure_reason: ClosureReason | None = None
    closed: bool | None = None
    supervised: bool | None = None
    joint_with_lgsco: bool | None = None
    mp_involved: bool | None = None
    review_count: Annotated[int, Field(ge=0, le=99)] | None = None
    previous_review_upheld: bool | None = None


class NewCaseIn(CaseFieldsIn):
    """A new case record. Name its service user by `service_user` (a reference), or register them with `new_service_user`."""

    reference: RecordReference | None = None
    new_service_user: ServiceUserIn | None = None


class RepresentativeIn(Schema):
    """Someone acting for the service user, and the consent for it: who gave it, when, and in what form."""

    model_config = ConfigDict(extra="forbid")

    acting_as: Literal["representative", "mp"] | None = None
    name: Name | None = None
    organisation: Name | None = None
    address_lines: ShortText | None = None
    postcode: Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=10)] | None = None
    email: Name | None = None
    phone: Annotated[str, AfterValidator(_no_nul), StringConstraints(max_length=30)] | None = None
    consent_given_by: Name | None = None
    consent_given_on: date | None = None
    consent_form: Literal["written", "email", "verbal"] | None = None


class DecisionIn(Schema):
    """A further decision on a case, such as a partial decision on a case still open (para 20)."""

    model_config = ConfigDict(extra="forbid")

    decided_on: date | None = None
    what_was_decided: Text | None = None
    report_issue_date: date | None = None


class EndingIn(Schema):
    """The day someone stopped acting for the service user: today or in the past, and not before consent was given."""

    model_config = ConfigDict(extra="forbid")

    ended_on: date | None = None


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    duplicate: RecordReference


class RepresentativeOut(Schema):
    """Someone acting for the service user; `ended_on` is the day they stopped, if they have."""

    id: int
    acting_as: str
    name: str
    organisation: str
    address_lines: str
    postcode: str
    email: str
    phone: str
    consent_given_by: str
    consent_given_on: date
    consent_form: str
    ended_on: date | None


class ServiceUserOut(Schema):
    """A service user. `behaviour_restricted` is whether a restriction applies today (para 22)."""

    reference: str
    name: str
    address_lines: str
    postcode: str
    email: str
    phone: str
    preferred_channel: str
    preferred_format: str
    reasonable_adjustments: str
    reviews_go_to_oat_first: bool
    behaviour_restricted: bool
    behaviour_restricted_from: date | None
    behaviour_restriction_review: date | None
    representatives: list[RepresentativeOut]
    cases: list[str]
