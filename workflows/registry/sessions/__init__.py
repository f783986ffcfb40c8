"""Signed-in sessions: each sign-in recorded, ended after a while without activity, listed to
its user, who may end the others."""
