"""An administrator edits letter templates in the admin: one reaching outside the letter context is
refused when saved, naming what it reaches, and the field's help points to the guide."""

import pytest

from casework.models import LetterTemplate


@pytest.mark.django_db
def test_the_admin_refuses_a_template_that_prints_a_password_hash_naming_it(admin_client):
    template = LetterTemplate.objects.get(code="grounds_request")
    form = admin_client.get(f"/admin/casework/lettertemplate/{template.pk}/change/").content.decode()
    assert "docs/letter-templates.md" in form

    response = admin_client.post(
        f"/admin/casework/lettertemplate/{template.pk}/change/",
        {
            "code": template.code,
            "name": template.name,
            "subject": template.subject,
            "body": "Dear {{ service_user }}, {{ author.password }}",
            "ends_internal_process": "",
        },
    )

    assert response.status_code == 200
    assert "&#x27;author&#x27; is not in the letter context" in response.content.decode()
    assert LetterTemplate.objects.get(pk=template.pk).body == template.body


@pytest.mark.django_db
def test_the_admin_saves_a_template_using_only_the_letter_context(admin_client):
    template = LetterTemplate.objects.get(code="case_owner_update")
    body = "Dear {{ service_user }}\n\n{{ message }}\n\n{{ author_name }}"

    response = admin_client.post(
        f"/admin/casework/lettertemplate/{template.pk}/change/",
        {"code": template.code, "name": template.name, "subject": template.subject, "body": body, "ends_internal_process": ""},
    )

    assert response.status_code == 302
    assert LetterTemplate.objects.get(pk=template.pk).body.replace("\r\n", "\n") == body
