"""One server process of tests/test_plan_views_shared.py, started fresh by the test.

``python -m tests.plan_views_process setup`` makes the database (SQLite in ``SHISAKU_HOME``) and
two fictional municipalities through the services; ``read CODE…`` asks every page of
tests/test_plan_views_kept.py of each municipality in Japanese and English and prints, as JSON,
how many plan-view answers this process built, found in the shared cache and stored there, with
the pages' digests; ``write CODE`` adds an actual to that municipality's indicator K1.
"""

from __future__ import annotations

import hashlib
import json
import sys

import django


def main(command: str, codes: list[str]) -> None:
    """Run one command in this fresh process and print its result."""
    django.setup()
    from django.core.management import call_command

    from shisaku.domain.actors import Actor

    operator = Actor(label="cli:test-operator", is_operator=True)
    if command == "setup":
        call_command("migrate", verbosity=0)
        from tests.test_plan_views_kept import ONE, OTHER, _town

        _town(operator, ONE, "試験市")
        _town(operator, OTHER, "別試験市")
    elif command == "write":
        from shisaku.indicators.services import apply_batch
        from tests.test_plan_views_kept import _actual

        apply_batch(actor=operator, batch=_actual(codes[0], "2025年度", "150"))
    else:
        print(json.dumps(read(codes)))


def read(codes: list[str]) -> dict[str, object]:
    """Ask every page of ``codes`` in both languages; return the counts and the pages' digests."""
    from django.test import Client

    from shisaku.evaluation.plan_store import COUNTS
    from tests.test_plan_views_kept import PAGES, url

    client = Client()
    pages = {}
    for code in codes:
        for page in PAGES:
            for lang in ("ja", "en"):
                answer = client.get(url(page, code, lang))
                assert answer.status_code == 200, (page, answer.status_code)
                pages[url(page, code, lang)] = hashlib.sha256(answer.content).hexdigest()
    counts = {"built": COUNTS.built, "shared": COUNTS.shared, "stored": COUNTS.stored}
    return {"counts": counts, "pages": pages}


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
