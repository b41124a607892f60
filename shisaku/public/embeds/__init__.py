"""Embed and follow: the widget, badge and share page of an indicator or a measure; Atom feeds."""
