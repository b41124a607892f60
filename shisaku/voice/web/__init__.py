"""The voice pages: the public consultation pages and form, and the workspace's voice pages."""
