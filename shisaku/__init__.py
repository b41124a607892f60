"""Shisaku (施策): a municipality's comprehensive plan as a living system."""

__version__ = "0.1.0"
