"""Passwords: the rules a password a person sets must meet, and the change of a password that
someone else gave them, asked for before any other page."""
