"""Every page's main table as CSV and xlsx: the tables of the pages, their columns, the files."""
