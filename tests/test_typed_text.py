"""One rule for typed text: the file import, the workspace form and the API refuse alike.

Control characters (but tab and line breaks) and the bidirectional controls (U+202E …) in a
figure's note or source are refused wherever they come from, with the character named.
"""

from __future__ import annotations

import pytest

from shisaku.indicators.models import Figure
from shisaku.staff.forms import FigureForm
from tests.test_api_write import ACTUAL, error_of, fields, post, tokens  # noqa: F401
from tests.test_indicator_exchange import errors_of

REFUSED = [("\x07", "U+0007"), ("\x85", "U+0085"), ("\u202e", "U+202E"), ("\u2066", "U+2066")]
FIGURES = "municipality_code,plan,indicator_code,kind,period,value,note,source\n"


@pytest.mark.parametrize("column", ["note", "source"])
@pytest.mark.parametrize(("char", "point"), REFUSED)
def test_the_api_refuses_what_a_file_import_refuses(client, tokens, column, char, point):  # noqa: F811
    text = f"速報{char}値"
    row = {"note": "", "source": "", column: text}
    line = f'999997,2024-2028,K1,actual,2025年度,1820人,"{row["note"]}","{row["source"]}"\n'
    [file_error] = errors_of(("figures.csv", FIGURES + line))
    assert f"{column} 列: " in file_error and point in file_error
    error = error_of(post(client, tokens["kosodate"], {**ACTUAL, column: text}), 422)
    assert fields(error) == [column]
    assert point in error["details"][0]["message"]
    assert not Figure.objects.filter(kind="actual").exists()


@pytest.mark.parametrize(("char", "point"), REFUSED)
def test_the_workspace_form_refuses_them_too(char, point):
    data = {"kind": "actual", "period": "2025年度", "value": "1820人", "source": f"統{char}計"}
    form = FigureForm(data)
    assert not form.is_valid()
    assert point in str(form.errors["source"])


def test_tabs_and_line_breaks_stay_welcome(client, tokens):  # noqa: F811
    body = {**ACTUAL, "note": "一行目\n二行目\tタブ", "source": "統計\r\n年報"}
    assert post(client, tokens["kosodate"], body).status_code == 201
    assert FigureForm({**body, "kind": "actual", "value": "1820人"}).is_valid()
