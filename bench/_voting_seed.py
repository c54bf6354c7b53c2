"""Seeds the voting benchmark's database; run inside Django by bench/voting.py.

Prints one line, "SEED" then JSON: the two ballots and, for each focal point,
a logged-in session key and which of the two proposals it chooses.
"""

import datetime
import json

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_countries import countries

from accounts.models import User
from participants.models import MemberState
from themes.models import Consultation, Proposal
from workshops.models import DialogueYear


def seed(*, states: int, states_with_two_focal_points: int) -> None:
    member_states = MemberState.objects.bulk_create(
        MemberState(country=code, name=name, status=MemberState.Status.MEMBER)
        for code, name in list(countries)[:states]
    )
    users = []
    for index, state in enumerate(member_states):
        for n in range(2 if index < states_with_two_focal_points else 1):
            user = User(username=f"focal{n}.{state.country.code}".lower(), member_state=state)
            user.set_unusable_password()
            users.append(user)
    users = User.objects.bulk_create(users)
    # Focal points sign in with a second factor; these have enrolled an authenticator app.
    Authenticator.objects.bulk_create(
        Authenticator(
            user=user,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(generate_totp_secret())},
        )
        for user in users
    )

    year = DialogueYear.objects.create(year=2011)
    now = timezone.now()
    ballots = []
    for title in ("Overarching theme of IDM 2011", "Rehearsal, one vote after another"):
        consultation = Consultation.objects.create(
            target_year=year,
            title=title,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(hours=1),
        )
        proposals = [
            Proposal.objects.create(consultation=consultation, position=position, title=title)
            for position, title in enumerate(
                ["The future of migration", "Migration and human security"], start=1
            )
        ]
        ballots.append({"pk": consultation.pk, "proposals": [p.pk for p in proposals]})

    voters = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # A state's second focal point chooses the other proposal.
        voters.append({"session": session.session_key, "choice": int(user.username[5] == "1")})
    print("SEED" + json.dumps({"ballots": ballots, "voters": voters}))
