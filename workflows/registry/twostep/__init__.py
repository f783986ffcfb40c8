"""Two-step sign-in: a code from an authenticator app (TOTP, django-otp) after the password,
required of the roles settings.TWO_STEP_REQUIRED_ROLES names and open to everyone else, with
single-use recovery codes for a lost phone.

``selectors`` reads who has it and who must, ``services`` writes (enrol, verify, recovery codes,
turn off, reset), ``middleware`` holds every other page until the code is given, ``views`` and
``urls`` are the pages under /account/two-step/, ``admin`` the admin site that asks for it.
"""
