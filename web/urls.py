from django.contrib.auth import views as auth_views
from django.urls import path

from web.views import (
    approvals,
    attachments,
    cases,
    feedback,
    follow_ups,
    imports,
    insight,
    learning,
    legal,
    letters,
    notes,
    notifications,
    oat,
    team,
    work,
    workflow,
)
from web.views.account import change_password
from web.views.two_factor import set_up as set_up_two_factor
from web.views.two_factor import verify as verify_two_factor

urlpatterns = [
    path("", work.my_work, name="my-work"),
    path("team/", team.team_page, name="team"),
    path("team/reassign/", team.reassign_page, name="reassign"),
    path("feedback/<str:reference>/notes/new/", notes.file_note_page, name="file-note"),
    path("notifications/", notifications.notifications_page, name="notifications"),
    path("notifications/read/", notifications.mark_notifications_read, name="notifications-read"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", change_password, name="password-change"),
    path("account/two-factor/", verify_two_factor, name="two-factor"),
    path("account/two-factor/set-up/", set_up_two_factor, name="two-factor-set-up"),
    path("imports/cases/", imports.import_cases_page, name="import-cases"),
    path("cases/", cases.case_search, name="case-search"),
    path("cases/<str:reference>/", cases.case_detail, name="case-detail"),
    path("cases/<str:reference>/complaints/new/", cases.log_feedback_page, name="log-decision-complaint"),
    path("cases/<str:reference>/feedback/new/<slug:kind>/", cases.log_feedback_page, name="log-feedback"),
    path("feedback/<str:reference>/", feedback.feedback_detail, name="feedback-detail"),
    path("feedback/<str:reference>/actions/<slug:name>/", feedback.feedback_action, name="feedback-action"),
    path("feedback/<str:reference>/letters/<int:letter_id>.pdf", letters.letter_pdf, name="letter-pdf"),
    path("feedback/<str:reference>/attachments/new/", attachments.attach_document_page, name="attach-document"),
    path("feedback/<str:reference>/attachments/<int:pk>/", attachments.download_attachment, name="feedback-attachment"),
    path("feedback/<str:reference>/follow-ups/new/", follow_ups.log_follow_up_page, name="log-follow-up"),
    path("oat/", oat.oat_queue_page, name="oat-queue"),
    path("legal/", legal.legal_queue_page, name="legal-queue"),
    path("approvals/", approvals.approvals_page, name="approvals"),
    path("insight/", insight.insight_page, name="insight"),
    path("insight/export.csv", insight.insight_export, name="insight-export"),
    path("insight/<slug:slug>.csv", insight.insight_csv, name="insight-csv"),
    path("learning/", learning.learning_page, name="learning"),
    path("workflow/<slug:kind>/", workflow.workflow_page, name="workflow"),
]
