"""Static publishing: the whole public site, its data twins and a data package, as files.

``shisaku publish OUT_DIR`` renders every public page in-process through Django's URL
resolution (the same views the live site runs, never over the network) and writes them where
a static server finds them: ``OUT_DIR/ja/022012/2019-2023/index.html`` beside ``index.json``,
``index.csv`` and ``index.xlsx``.  See docs/publishing.md.

An interface like the site and the exchange: it imports neither of them.  It reads through
the queries and reaches the public pages only by their URLs; the exchange files it writes come
from a function the command hands it.
"""
