"""Printed documents: plain data in, PDF bytes out. Never imports workflows."""
