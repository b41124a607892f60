"""Pure drawing: data → SVG, shared by the public site and the reports (no Django)."""
