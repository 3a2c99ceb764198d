"""Every name a letter template may use, each a plain value, documented once.

The administrators' page (docs/letter-templates.md) and the admin help text are written from this
table; a template naming anything else is refused when saved.
"""

from __future__ import annotations

# Name: what it holds. A date is text ("3 March 2026"); a yes/no is true or false.
CONTEXT: dict[str, str] = {
    "letter_date": "The date the letter is written",
    "author_name": "The name of the person writing the letter",
    "addressee": "The name of the person or organisation the letter is to",
    "service_user": "The service user's name",
    "organisation": "The organisation complained about",
    "case_reference": "The reference of the case complained about",
    "decision_date": "The date of our decision on the case",
    "report_issue_date": "The date our report was issued (the decision date when no report date is recorded)",
    "report_quashed": "Yes when the Ombudsman has quashed our report (para 69)",
    "case_owner_name": "The case owner's name",
    "case_manager_name": "The case owner's manager's name",
    "handling_manager_name": "The manager handling a complaint about our service (the case owner's manager until escalated)",
    "feedback_reference": "The reference of this feedback",
    "received_date": "The date the feedback was received",
    "feedback_summary": "What the service user said, as logged",
    "grounds_deadline": "The deadline for the grounds, with any extension agreed (para 32)",
    "grounds_received_date": "The date the grounds were received (para 33)",
    "reasons": "The reasons recorded for the decision this letter gives (for example paras 22, 35, 48, 69)",
    "note": "The note recorded with the action",
    "explanation": "The explanation recorded for the service user (paras 40, 45)",
    "message": "The message written to the service user",
    "comment": "The manager's comment on positive feedback (para 9)",
    "signpost_jr": "Yes when the service user is to be signposted to Judicial Review (paras 29, 40)",
    "upheld": "Yes when the review, or the complaint about our service, was upheld",
    "grounds": "The grounds of the review request, each with OAT's finding and reasons (a list; see below)",
    "remedy_analysis": "OAT's analysis of the remedy, if any (para 58)",
    "remedies": "The remedies offered (a list; see below)",
    "follow_on_kind": "The new investigation that follows an upheld review, in words; empty when none",
    "handling_feedback": "OAT's feedback to the case owner on their handling (para 54)",
    "proportionate": "Yes when OAT found the case owner's work before referral proportionate (para 54)",
    "what_happened": "A complaint about our service: what happened (para 17)",
    "what_should_have_happened": "A complaint about our service: what should have happened (para 17)",
    "what_changed": "What an amended report corrects (para 25)",
    "original_issue_date": "The issue date an amended report keeps (para 25)",
    "summary": "The summary of a proposed new investigation (para 63)",
    "comment_deadline": "The date comments on a proposed new investigation are due (para 63)",
    "line_manager_name": "The name of the line manager learning is fed back to (Annex A)",
    "learning_kind": "The kind of learning point: individual, organisational or good practice (Annex A)",
    "learning_text": "The learning point (Annex A)",
    "service_model_section": "The Service Model section the learning point links to (Annex A)",
    "charter_commitment": "The Service Charter commitment the learning point relates to, with its number (Annex A)",
}

# The parts of each item of a list, for `{% for ground in grounds %}{{ ground.label }}{% endfor %}`.
ITEMS: dict[str, dict[str, str]] = {
    "grounds": {
        "label": "The ground, as one of the review criteria",
        "finding": "OAT's finding on it (upheld, not upheld); empty until decided",
        "reasons": "OAT's reasons for the finding",
    },
    "remedies": {
        "kind": "The kind of remedy (explanation, apology, service improvement, financial remedy)",
        "details": "What is offered",
        "amount": "The amount of a financial remedy in pounds, for example 250.00; empty for others",
    },
}
