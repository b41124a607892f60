"""Residents' and children's voice on the plan: consultations, opinions, moderation, responses.

The app's records and their services live here (models, services, queries, the sealing of
contact details); its pages live in :mod:`shisaku.voice.web`, which sits above the interfaces
because it uses the workspace's access checks (docs/voice.md).
"""
