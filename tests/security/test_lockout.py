"""Password guessing: after five failures for one username from one address, that pair is locked
out for a cool-off, on the staff sign-in page and the admin's alike; others are not."""

import logging
from datetime import timedelta

from axes.models import AccessAttempt
from django.test import Client

PASSWORD = "a-long-test-password"
HOME, AWAY = "203.0.113.7", "198.51.100.9"


def sign_in(username: str, password: str, address: str = HOME, path: str = "/sign-in/"):
    return Client(REMOTE_ADDR=address).post(path, {"username": username, "password": password})


def fail_five_times(username: str, address: str = HOME, path: str = "/sign-in/") -> None:
    """Four failures are answered with the form again; the fifth locks the pair out."""
    for _ in range(4):
        assert sign_in(username, "not-the-password", address, path).status_code == 200
    assert sign_in(username, "not-the-password", address, path).status_code == 429


def test_five_wrong_passwords_lock_out_that_username_from_that_address_even_with_the_right_one(caseworker, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail_five_times("cara")
    locked = sign_in("cara", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    assert any("Locking out" in record.getMessage() for record in caplog.records)


def test_the_same_person_from_another_address_and_a_colleague_from_the_same_address_still_sign_in(caseworker, manager):
    fail_five_times("cara")
    assert sign_in("cara", PASSWORD, AWAY).status_code == 302
    assert sign_in("manny", PASSWORD, HOME).status_code == 302


def test_the_lockout_ends_after_the_cool_off(caseworker):
    fail_five_times("cara")
    assert sign_in("cara", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert sign_in("cara", PASSWORD).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(caseworker):
    for _ in range(4):
        sign_in("cara", "not-the-password")
    assert sign_in("cara", PASSWORD).status_code == 302
    for _ in range(4):
        sign_in("cara", "not-the-password")
    assert sign_in("cara", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_locked_out_the_same_way(admin_user):
    fail_five_times("admin", path="/admin/login/")
    assert sign_in("admin", "password", path="/admin/login/").status_code == 429
