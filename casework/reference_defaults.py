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

_SIGN_OFF = (
    "\n\nYours sincerely\n\n{{ author.get_full_name|default:author.username }}\nParliamentary and Health Service Ombudsman"
)

LETTER_TEMPLATES = [
    {
        "code": "grounds_request",
        "name": "Request for grounds of complaint",
        "subject": "Your complaint about our decision on case {{ case.reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "Thank you for telling us you are unhappy with our decision of {{ case.decision_date|date:'j F Y' }}.\n\n"
            "So that we can consider your complaint, please set out in writing:\n"
            "- why you think our decision is wrong\n"
            "- what you would like to happen now\n"
            "- any supporting or new evidence\n\n"
            "Please send this to us by {{ feedback.grounds_deadline|date:'j F Y' }}. If you need any support or "
            "adjustments to do this, please tell us and we will help." + _SIGN_OFF
        ),
    },
    {
        "code": "late_explanation_request",
        "name": "Request for an explanation of late grounds",
        "subject": "Your complaint about our decision on case {{ case.reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "We received your grounds on {{ feedback.grounds_received_date|date:'j F Y' }}, after the deadline of "
            "{{ feedback.grounds_deadline|date:'j F Y' }}. Please tell us why they were sent after the deadline, "
            "so that we can decide whether to consider them." + _SIGN_OFF
        ),
    },
    {
        "code": "time_limit_decline",
        "name": "Review request declined: out of time",
        "subject": "Your complaint about our decision on case {{ case.reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "Your grounds reached us on {{ feedback.grounds_received_date|date:'j F Y' }}, after the deadline of "
            "{{ feedback.grounds_deadline|date:'j F Y' }}. We have decided not to consider your request for a review "
            "because:\n\n{{ reasons }}\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "no_review_low_level",
        "name": "No review: low-level injustice",
        "subject": "Your complaint about our decision on case {{ case.reference }}",
        "ends_internal_process": True,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "We closed your case because it relates to a low-level injustice or impact. Decisions of this kind "
            "do not carry the option of a review.\n\n" + END_OF_PROCESS + _SIGN_OFF
        ),
    },
    {
        "code": "acknowledgement",
        "name": "Acknowledgement of a complaint about our service",
        "subject": "Your complaint about our service on case {{ case.reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "Thank you for telling us about your experience of our service. {{ feedback.handling_manager.get_full_name|default:'The manager of your case owner' }}, "
            "who manages the team handling your case, will look into your concerns and contact you." + _SIGN_OFF
        ),
    },
    {
        "code": "service_complaint_outcome",
        "name": "Outcome of a complaint about our service",
        "subject": "Your complaint about our service on case {{ case.reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case.service_user }}\n\n"
            "We have looked into your complaint about our service.\n\n"
            "What happened: {{ feedback.finding.what_happened }}\n\n"
            "What should have happened: {{ feedback.finding.what_should_have_happened }}\n\n"
            "{% if feedback.finding.upheld %}We uphold your complaint. To put things right we are offering:\n"
            "{% for remedy in remedies %}- {{ remedy.get_remedy_type_display }}: {{ remedy.details }}{% if remedy.amount %} (£{{ remedy.amount }}){% endif %}\n{% endfor %}"
            "{% else %}We have not upheld your complaint.{% endif %}" + _SIGN_OFF
        ),
    },
    {
        "code": "positive_feedback_comment",
        "name": "Manager's comment on positive feedback",
        "subject": "Positive feedback on case {{ case.reference }}",
        "ends_internal_process": False,
        "body": (
            "Dear {{ case.case_owner.get_full_name }}\n\n"
            "{{ case.service_user }} sent us positive feedback on {{ feedback.received_date|date:'j F Y' }}:\n\n"
            "{{ feedback.summary }}\n\n{{ comment }}\n\n{{ author.get_full_name|default:author.username }}"
        ),
    },
]
