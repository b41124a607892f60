"""The lists of a plan's measures and indicators, filtered by the query string."""
