"""A rich progress bar for large sheets, on a terminal only."""

from __future__ import annotations

from types import TracebackType

STAGES = ("coerce", "schema", "rules", "hygiene")
THRESHOLD_ROWS = 50_000


class Bar:
    """Shows the check's stages for a sheet of more than :data:`THRESHOLD_ROWS` rows."""

    def __init__(self, label: str, *, enabled: bool) -> None:
        self.label, self.enabled = label, enabled
        self._progress = None
        self._task = None

    def update(self, stage: str, rows: int) -> None:
        if not self.enabled or rows <= THRESHOLD_ROWS:
            return
        if self._progress is None:
            from rich.progress import Progress

            self._progress = Progress(transient=True)
            self._progress.start()
            self._task = self._progress.add_task(f"{self.label} ({rows:,} rows)", total=len(STAGES))
        self._progress.update(self._task, completed=STAGES.index(stage) if stage in STAGES else 0,
                              description=f"{self.label} ({rows:,} rows): {stage}")

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
