"""Hearth: case management for children's social care in English local authorities."""
