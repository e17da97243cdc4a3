"""Shared pytest fixtures live in hearth/testing; this file marks the project root for pytest."""
