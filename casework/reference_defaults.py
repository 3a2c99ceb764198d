"""The default reference data of RULES.md, loaded by a migration. An administrator may change it."""

from policy.facts import Role
from policy.letters import END_OF_PROCESS

SERVICE_CHARTER = [
    (
        "Giving you the information you need",
        [
            "We will explain our role and what we can and cannot do",
            "We will explain our process and what we need from you",
            "We will signpost you elsewhere if we cannot help",
            "We will keep you regularly updated",
        ],
    ),
    (
        "Following an open and fair process",
        [
            "We will listen to you to make sure we understand your complaint",
            "We will explain the specific concerns we will look into",
            "We will explain how we will do our work",
            "We will gather all the information we need before we make a decision",
            "We will share facts with you and discuss them",
            "We will make an impartial decision",
            "We will explain our decision and how we reached it",
        ],
    ),
    (
        "Giving you a good service",
        [
            "We will treat you with courtesy and respect",
            "We will give you a final decision as soon as we can",
            "We will provide an accessible service with the support you need",
            "We will look after your information",
        ],
    ),
    (
        "Living up to our commitments",
        [
            "We will use feedback to improve our service",
            "We will apologise and put things right when we get it wrong",
            "We will publish our performance and report to Parliament",
        ],
    ),
]

# Level, name, lowest and highest payment in pounds. To be checked against PHSO's current scale.
SEVERITY_SCALE = [
    (1, "Minor", 0, 250, "Short-lived inconvenience or frustration"),
    (2, "Moderate", 250, 1000, "Some distress or inconvenience over a period"),
    (3, "Significant", 1000, 5000, "Significant distress, or a lost opportunity"),
    (4, "Serious", 5000, 10000, "Serious, lasting distress or harm"),
    (5, "Severe", 10000, 25000, "Severe and long-lasting harm"),
    (6, "Most severe", 25000, 100000, "The most severe and enduring injustice"),
]

ROLES = [role.value for role in Role]

# Copied on a manager's comment on positive feedback (para 9). To be set to the people in post.
LEADERSHIP = [
    ("director", "Director of Operations, Legal & Clinical", "director.operations@phso.example"),
    ("chief_executive", "Chief Executive", "chief.executive@phso.example"),
]

_SIGN_OFF = "\n\nYours sincerely\n\n{{ author_name }}\nParliamentary and Health Service Ombudsman"

LETTER_TEMPLATES = [
    {
        "code": "grounds_request",
        "name": "Request for grounds of complaint",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Thank you for telling us you are unhappy with our decision of {{ decision_date }}.\n\n"
            "So that we can consider your complaint, please set out in writing:\n"
            "- why you think our decision is wrong\n"
            "- what you would like to happen now\n"
            "- any supporting or new evidence\n\n"
            "Please send this to us by {{ grounds_deadline }}. If you need any support or "
            "adjustments to do this, please tell us and we will help." + _SIGN_OFF
        ),
    },
    {
        "code": "late_explanation_request",
        "name": "Request for an explanation of late grounds",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We received your grounds on {{ grounds_received_date }}, after the deadline of "
            "{{ grounds_deadline }}. Please tell us why they were sent after the deadline, "
            "so that we can decide whether to consider them." + _SIGN_OFF
        ),
    },
    {
        "code": "time_limit_decline",
        "name": "Review request declined: out of time",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Your grounds reached us on {{ grounds_received_date }}, after the deadline of "
            "{{ grounds_deadline }}. We have decided not to consider your request for a review "
            "because:\n\n{{ reasons }}\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "no_grounds_received",
        "name": "Closed: no grounds received",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We asked you to set out by {{ grounds_deadline }} why you think our decision of "
            "{{ decision_date }} is wrong. We have not received your grounds, so we have closed "
            "your complaint about our decision.\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "no_review_low_level",
        "name": "No review: low-level injustice",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We closed your case because it relates to a low-level injustice or impact. Decisions of this kind "
            "do not carry the option of a review.\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "acknowledgement",
        "name": "Acknowledgement of a complaint about our service",
        "subject": "Your complaint about our service on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Thank you for telling us about your experience of our service. {{ handling_manager_name }}, "
            "who manages the team handling your case, will look into your concerns and contact you." + _SIGN_OFF
        ),
    },
    {
        "code": "service_complaint_outcome",
        "name": "Outcome of a complaint about our service",
        "subject": "Your complaint about our service on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We have looked into your complaint about our service.\n\n"
            "What happened: {{ what_happened }}\n\n"
            "What should have happened: {{ what_should_have_happened }}\n\n"
            "{% if upheld %}We uphold your complaint. To put things right we are offering:\n"
            "{% for remedy in remedies %}- {{ remedy.kind }}: {{ remedy.details }}{% if remedy.amount %} (£{{ remedy.amount }}){% endif %}\n{% endfor %}"
            "{% else %}We have not upheld your complaint.{% endif %}" + _SIGN_OFF
        ),
    },
    {
        "code": "positive_feedback_comment",
        "name": "Manager's comment on positive feedback",
        "subject": "Positive feedback on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case_owner_name }}\n\n"
            "{{ service_user }} sent us positive feedback on {{ received_date }}:\n\n"
            "{{ feedback_summary }}\n\n{{ comment }}\n\n{{ author_name }}"
        ),
    },
]

_JR = (
    "{% if signpost_jr %}If you remain unhappy with our decision, you can ask the courts to look at it by way of "
    "Judicial Review. A claim must be made promptly, and in any event within three months of our decision. You may "
    "wish to take legal advice.\n\n{% endif %}"
)

_FINDINGS = (
    "{% for ground in grounds %}- {{ ground.label }}: {{ ground.finding }}{% if ground.reasons %}: {{ ground.reasons }}{% endif %}\n"
    "{% endfor %}"
)

# The letters of the review path (paras 25, 29, 40, 45, 48 to 56, 74).
REVIEW_LETTER_TEMPLATES = [
    {
        "code": "amended_report",
        "name": "Amended report",
        "subject": "An amended copy of our report on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Thank you for pointing out some minor mistakes in our report. We have corrected them:\n\n{{ what_changed }}\n\n"
            "These corrections do not change our decision. The amended report keeps its original issue date of "
            "{{ original_issue_date }}." + _SIGN_OFF
        ),
    },
    {
        "code": "case_owner_update",
        "name": "Update from the case owner",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": "Dear {{ service_user }}\n\n{{ message }}" + _SIGN_OFF,
    },
    {
        "code": "oat_update",
        "name": "Letter from the Ombudsman's Assurance Team",
        "subject": "Your request for a review of our decision on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": "Dear {{ service_user }}\n\n{{ message }}" + _SIGN_OFF,
    },
    {
        "code": "no_further_action",
        "name": "No further action: not an actionable challenge",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We have carefully considered what you told us about our decision. To look at a decision again we need "
            "information showing that we got something wrong that could change the decision: for example, that the "
            "facts were inaccurate, that there is new and relevant information, or that something was overlooked or "
            "misunderstood. What you have sent us does not do this, so we cannot take any further action.\n\n"
            "{% if explanation %}{{ explanation }}\n\n{% endif %}" + _JR + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "no_review_high_risk",
        "name": "No review: decision already assured",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Our decision on your case was subject to additional assurance before it was made. We have considered "
            "your complaint with our Assurance Team and we are satisfied with our response to it, so we will not "
            "undertake a review.\n\n{% if note %}{{ note }}\n\n{% endif %}" + _JR + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "decision_stands",
        "name": "Decision stands: explanation",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We have looked carefully at your complaint. We accept that some of our reasoning could have been "
            "better, but we are satisfied that our overall decision was right:\n\n{{ explanation }}\n\n"
            "We are also asking our Assurance Team to look at your complaint, and we will write to you again." + _SIGN_OFF
        ),
    },
    {
        "code": "review_criteria_not_met",
        "name": "Review criteria not met",
        "subject": "Your request for a review of our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "Our Assurance Team has looked at your request for a review. We have decided that it does not meet our "
            "review criteria, because:\n\n{{ reasons }}\n\n"
            "If you have questions about the original decision, {{ case_owner_name }} "
            "can answer them.\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "review_decision",
        "name": "Review decision",
        "subject": "The outcome of the review of our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We have reviewed our decision on your case. Our finding on each of your grounds is:\n\n" + _FINDINGS + "\n"
            "{% if upheld %}{{ remedy_analysis }}\n\n"
            "{% if remedies %}To put things right we are offering:\n"
            "{% for remedy in remedies %}- {{ remedy.kind }}: {{ remedy.details }}"
            "{% if remedy.amount %} (£{{ remedy.amount }}){% endif %}\n{% endfor %}\n{% endif %}"
            "{% if follow_on_kind %}We will look at your complaint again in a new investigation "
            "({{ follow_on_kind }}), and we will write to you about it.\n\n{% endif %}"
            "{% if report_quashed %}We have quashed our report: it is no longer valid.\n\n{% endif %}"
            "{% else %}We have not upheld your complaint, and our decision stands.\n\n{% endif %}" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "review_outcome_to_case_owner",
        "name": "Review outcome for the case owner",
        "subject": "Outcome of the review of {{ case_reference }} ({{ feedback_reference }})",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case_owner_name }}\n\n"
            "The Assurance Team has decided the review of {{ case_reference }}:\n\n" + _FINDINGS + "\n"
            "Feedback on your handling of the challenge: {{ handling_feedback }}\n\n"
            "Was the work before referral proportionate? {{ 'Yes' if proportionate else 'No' }}\n\n"
            "{{ author_name }}\nOmbudsman's Assurance Team"
        ),
    },
    {
        "code": "learning_feedback",
        "name": "Learning from a review, for the line manager",
        "subject": "Learning from the review of {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ line_manager_name }}\n\n"
            "{{ learning_kind }} from the review of {{ case_reference }} ({{ feedback_reference }}):\n\n"
            "{{ learning_text }}\n\n"
            "{% if service_model_section %}Service Model: {{ service_model_section }}\n{% endif %}"
            "{% if charter_commitment %}Service Charter commitment {{ charter_commitment }}\n{% endif %}\n"
            "{{ author_name }}\nOmbudsman's Assurance Team"
        ),
    },
]

# Who approves what under the Delegation Scheme (paras 69, 72, 73).
DELEGATION = [
    ("new_detailed_investigation", "ombudsman", "Para 73: the Ombudsman or a Deputy Ombudsman"),
    ("quash", "ombudsman", "Para 69: only the Ombudsman or a Deputy Ombudsman"),
]

# Periods the guidance leaves to us, in days, seeded under the codes the declarations name (policy.workflows.holding).
TIME_LIMITS = [
    ("new_investigation_comments", 14, "Time the parties have to comment on a proposed new detailed investigation (para 63)"),
    ("late_explanation", 14, "Time the service user has to explain why their grounds came after the deadline (para 33)"),
]

# The Service Model sections an individual learning point links to (Annex A). To be checked against the Service Model.
SERVICE_MODEL_SECTIONS = [
    "Section 1 Assessing the complaint (para 1.10)",
    "Section 2 Contacting the complainant (para 2.140)",
    "Section 3 Deciding the scope of the investigation (para 3.30)",
    "Section 4 Gathering evidence (para 4.20)",
    "Section 5 Clinical advice (para 5.15)",
    "Section 6 Making a decision (para 6.40)",
    "Section 7 Recommending a remedy (para 7.10)",
]

# The letters that follow an upheld review (paras 63, 66).
AFTER_REVIEW_LETTER_TEMPLATES = [
    {
        "code": "new_investigation_proposal",
        "name": "Proposal of a new detailed investigation",
        "subject": "A proposed new investigation following the review of case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ addressee }}\n\n"
            "Following a review of our decision on the complaint {{ service_user }} made about "
            "{{ organisation }}, we propose to open a new investigation. This is a summary of the complaint we "
            "propose to investigate:\n\n{{ summary }}\n\n"
            "Please send us any comments on this proposal by {{ comment_deadline }}. We will consider "
            "them before we decide whether to go ahead." + _SIGN_OFF
        ),
    },
    {
        "code": "report_quashed",
        "name": "Report quashed",
        "subject": "Our report on case {{ case_reference }} has been quashed",
        "ends_internal_process": False,
        "body": (
            "Dear {{ addressee }}\n\n"
            "The Ombudsman has decided to quash our report on the complaint {{ service_user }} made about "
            "{{ organisation }}, issued on {{ report_issue_date }}. "
            "This means the report is no longer valid and should not be relied on.\n\n{{ reasons }}" + _SIGN_OFF
        ),
    },
]

# The letters of the exits before a review is considered: declined for unacceptable behaviour
# (para 22) and not considered because raised too late (para 2). A decision not to consider a review
# request ends our internal process (para 74); a complaint about our service is never reviewed (para 11).
EXIT_LETTER_TEMPLATES = [
    {
        "code": "behaviour_decline",
        "name": "Review declined: unacceptable behaviour",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "We have decided not to consider your request for a review of our decision of {{ decision_date }}. "
            "In exceptional circumstances we may decline a review because of the behaviour of the person bringing "
            "the complaint, under our unacceptable behaviour policy. We have done so because:\n\n{{ reasons }}\n\n"
            + END_OF_PROCESS
            + _SIGN_OFF
        ),
    },
    {
        "code": "late_complaint_not_considered",
        "name": "Complaint about our decision not considered: raised too late",
        "subject": "Your complaint about our decision on case {{ case_reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ service_user }}\n\n"
            "You told us on {{ received_date }} that you are unhappy with our decision of {{ decision_date }}. We "
            "usually expect concerns to be raised within one month of a decision. We have decided not to consider "
            "your complaint because:\n\n{{ reasons }}\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "late_service_complaint_not_considered",
        "name": "Complaint about our service not considered: raised too late",
        "subject": "Your complaint about our service on case {{ case_reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ service_user }}\n\n"
            "You told us on {{ received_date }} about your experience of our service on the case we decided on "
            "{{ decision_date }}. We usually expect concerns to be raised within one month of a decision. We have "
            "decided not to consider your complaint because:\n\n{{ reasons }}" + _SIGN_OFF
        ),
    },
]
