"""Old import path of ``as_saved_by_excel``, kept while branches still use it: use ``support``."""

from support.excel import as_saved_by_excel

__all__ = ["as_saved_by_excel"]
