"""Named people for the tests: a caseworker, their manager, OAT, Legal, the Ombudsman, and an
outsider from another team who must see nothing of Team A's cases."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User

from casework.models import Case, Organisation, ServiceUser, StaffProfile, Team
from policy.facts import ClosureReason, Risk, Role, Stage

TODAY = date(2026, 11, 27)


def make_person(username: str, role: Role, team: Team | None = None, manager: User | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "a-long-test-password", first_name=username.title())
    # The role groups come from a data migration; a transactional test flushes the tables after it, and
    # which test runs next on an xdist worker is not fixed, so a missing group is made again here.
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    StaffProfile.objects.create(user=user, team=team, line_manager=manager)
    return user


@pytest.fixture
def team_a(db):
    return Team.objects.create(name="Team A")


@pytest.fixture
def team_b(db):
    return Team.objects.create(name="Team B")


@pytest.fixture
def manager(team_a):
    return make_person("manny", Role.MANAGER, team_a)


@pytest.fixture
def caseworker(team_a, manager):
    return make_person("cara", Role.CASEWORKER, team_a, manager)


@pytest.fixture
def oat(db):
    return make_person("olive", Role.OAT)


@pytest.fixture
def lawyer(db):
    return make_person("lena", Role.LEGAL)


@pytest.fixture
def ombudsman(db):
    return make_person("oscar", Role.OMBUDSMAN)


@pytest.fixture
def joint_worker(db):
    return make_person("jo", Role.JOINT_WORKING)


@pytest.fixture
def outsider(team_b):
    return make_person("otto", Role.CASEWORKER, team_b)


def service_user_named(name: str, **flags) -> ServiceUser:
    """The service user of that name; someone new when they carry flags of their own (paras 22, 37),
    so a flag set for one test case never reaches another."""
    if isinstance(name, ServiceUser):
        return name
    person = None if flags else ServiceUser.objects.filter(name=name).first()
    return person or ServiceUser.objects.create(reference=f"SU-{ServiceUser.objects.count() + 1:06d}", name=name, **flags)


def organisation_named(name) -> Organisation:
    if isinstance(name, Organisation):
        return name
    return Organisation.objects.filter(name=name).first() or Organisation.objects.create(name=name)


def person_flags(traits: dict) -> dict:
    """`reviews_go_to_oat_first` and `behaviour_restriction` given as case traits, as the person's flags."""
    flags = {}
    if traits.pop("reviews_go_to_oat_first", False):
        flags["reviews_go_to_oat_first"] = True
    if traits.pop("behaviour_restriction", False):
        flags["behaviour_restricted_from"] = date(2026, 1, 5)
    return flags


@pytest.fixture
def make_case(team_a, caseworker, manager):
    """`make_case(**traits)`: a Team A case. `service_user` and `organisation` may be names; the
    person's flags may be given as traits."""
    counter = iter(range(1, 10_000))

    def make(**traits) -> Case:
        flags = person_flags(traits)
        values = {
            "reference": f"PHSO-{next(counter):04d}",
            "service_user": "Alice Brown",
            "organisation": "Northgate NHS Trust",
            "team": team_a,
            "case_owner": caseworker,
            "manager": manager,
            "stage": Stage.PRIMARY,
            "risk": Risk.LOW,
            "decision_date": date(2026, 11, 2),
            "closure_reason": ClosureReason.NOT_UPHELD,
        }
        values.update(traits)
        values["service_user"] = service_user_named(values["service_user"], **flags)
        values["organisation"] = organisation_named(values["organisation"])
        return Case.objects.create(**values)

    return make


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Every test keeps its attached documents in its own folder, never in the project's var/."""
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture(autouse=True)
def _test_client_sign_ins_include_the_second_factor():
    from django.contrib.auth.signals import user_logged_in

    from tests.auth_backends import verify_test_client_sign_ins

    user_logged_in.connect(verify_test_client_sign_ins, dispatch_uid="tests-second-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-second-factor")


@pytest.fixture(autouse=True)
def _reference_data_read_afresh():
    """Each test starts with no reference data kept in memory: the last test's rows were rolled back."""
    from casework.read import reference_cache

    reference_cache.forget()
    yield
    reference_cache.forget()
