"""`redress demo` makes users with a published password: only with DEBUG on, and only into an empty
database or its own. `redress demo-code` (a demo person's current second-factor code) likewise."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import totp

from casework import demo
from casework.management.commands.demo import demo_app
from casework.models import Case


def test_the_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("demo", "--no-serve", stdout=StringIO())
    assert not demo.seeded()


def test_the_demo_refuses_a_database_that_is_not_its_own(settings, caseworker, make_case):
    settings.DEBUG = True
    make_case()
    with pytest.raises(CommandError, match="empty database or its own"):
        call_command("demo", "--no-serve", stdout=StringIO())
    assert Case.objects.count() == 1 and not demo.seeded()


def test_the_demo_code_is_refused_with_debug_off_even_on_the_demos_database(db, settings):
    demo.seed(timezone.localdate())
    device = demo_app("cara")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("demo_code", "cara", stdout=StringIO())
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_code", "cara", stdout=out)
    assert out.getvalue().strip() == f"{totp(device.bin_key):06d}"


def test_the_demo_code_is_refused_for_a_database_that_is_not_the_demos(settings, caseworker):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="demo's own database"):
        call_command("demo_code", "cara", stdout=StringIO())
