"""Backups that restore: the database and the uploaded documents, with a manifest of checksums."""
