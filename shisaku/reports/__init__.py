"""The year's reports on a plan: the annual PDF, the workbook, printable HTML, education.

:mod:`~shisaku.reports.data` assembles the data once (:mod:`~shisaku.reports.model`);
:mod:`~shisaku.reports.kinds` maps each kind to its renderer (PDF and HTML from one template in
:mod:`~shisaku.reports.documents`, the workbook in :mod:`~shisaku.reports.workbook`); the CLI
(``shisaku report``) and the workspace page (:mod:`~shisaku.reports.views`) build through it.
See docs/reports.md.
"""
