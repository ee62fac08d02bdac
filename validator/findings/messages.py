"""Text that finding messages share, written once."""

from __future__ import annotations

READ_ONLY_WHY = "the API sets it, so an upload cannot write it; remove the column"
"""Why a read-only field cannot be a sheet column (ends the ``read-only-column`` message)."""
