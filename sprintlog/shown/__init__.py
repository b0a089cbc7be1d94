"""The types render shows, built by services: both import them from here (dataclasses only)."""
