"""Indicator pages: one indicator's page, its chart, series, tables and JSON documents."""
