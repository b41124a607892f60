"""Search across every published plan: the page, its JSON twin and table, and the highlighting."""
