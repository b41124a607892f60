"""The staff workspace: figures, plan text, uploads and history (docs/workspace.md)."""
