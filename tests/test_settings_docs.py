"""Every declared setting is documented."""

from shisaku.conf import SETTINGS
from tests.conftest import ROOT


def test_every_setting_is_documented_in_docs_settings():
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert missing == []
