"""Prefecture and comparison pages: municipalities' published data side by side."""
