"""A person's own account: changing their password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class ChangePassword(auth_views.PasswordChangeView):
    """Django's own view: checks the current password and the validators in settings, keeps this
    session signed in and ends the others. API tokens are revoked by casework.credentials."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("my-work")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed")
        return response


change_password = ChangePassword.as_view()
