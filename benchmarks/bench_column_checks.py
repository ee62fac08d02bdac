"""pandera's polars backend against its pandas backend, on the same column checks and the same rows.

Both schemas are compiled from the one table of column rules
(``validator/checks/sheets/constraints.py``); the frame holds the coerced values of the
constrained metadata fields (text for the enums and names, floats for the coordinates), 1% of
rows breaking a rule, and each backend validates it lazily (every failing cell collected).
Imports are done before timing; each figure is the fastest of ``--repeat`` runs in one process.
Usage:

    python benchmarks/bench_column_checks.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
import pandera.pandas as pdp
import pandera.polars as plp
import polars as pl

from validator.checks.sheets import constraints, frame


def _frame(rows: int) -> pd.DataFrame:
    i = np.arange(rows)
    broken = i % 100 == 99
    platforms = np.array(["Illumina MiSeq", "Illumina NovaSeq 6000", "Oxford Nanopore MinION",
                          "PacBio Revio"])
    platform = platforms[i % 4].astype(object)
    platform[broken] = "Illumina Miseq"
    lat = ((i % 180) - 90 + 0.5).astype(float)
    lat[broken] = 95.5
    return pd.DataFrame({
        "name": pd.array([f"Sample {k}" for k in range(rows)], dtype="str"),
        "external_sample_id": pd.array([f"LIMS-{k:08d}" for k in range(rows)], dtype="str"),
        "sample_type": pd.array(np.array(["Metagenomic", "Isolate", "Other"])[i % 3], dtype="str"),
        "library_type": pd.array(np.array(["WGS", "Targeted/16S", "Other"])[i % 3], dtype="str"),
        "platform": pd.array(platform, dtype="str"),
        "location_lat": lat,
        "location_lon": ((i % 360) - 180 + 0.25).astype(float),
        "location_string": pd.array(np.array(["Berlin, Germany", "Lima, Peru"])[i % 2], dtype="str"),
    })


def _pandas_schema() -> pdp.DataFrameSchema:
    """The same table of rules as pandera's pandas-backend checks."""
    def check(c: constraints.Constraint) -> pdp.Check:
        build = {"enum": lambda: pdp.Check.isin(list(c.limit)), "minimum": lambda: pdp.Check.ge(c.limit),
                 "exclusiveMinimum": lambda: pdp.Check.gt(c.limit), "maximum": lambda: pdp.Check.le(c.limit),
                 "exclusiveMaximum": lambda: pdp.Check.lt(c.limit),
                 "maxLength": lambda: pdp.Check.str_length(max_value=c.limit),
                 "minLength": lambda: pdp.Check.str_length(min_value=c.limit),
                 "pattern": lambda: pdp.Check.str_contains(c.limit)}[c.keyword]
        return build()

    columns = {name: pdp.Column(checks=[check(c) for c in found], nullable=True, required=False)
               for name, found in constraints.constraints().items()}
    return pdp.DataFrameSchema(columns, strict=False)


def _time(run, repeat: int) -> tuple[float, int]:
    best, failures = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        failures = run()
        best = min(best, time.perf_counter() - start)
    return best, failures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = _frame(args.rows)
    as_polars = frame.to_polars(data)
    polars_schema, pandas_schema = frame.dataframe_schema(), _pandas_schema()
    checks = sum(len(c.checks) for c in polars_schema.columns.values())

    def on_polars() -> int:
        try:
            polars_schema.validate(as_polars, lazy=True)
        except plp.errors.SchemaErrors as exc:
            return len(exc.failure_cases)
        return 0

    def on_pandas() -> int:
        try:
            pandas_schema.validate(data, lazy=True)
        except pdp.errors.SchemaErrors as exc:
            return len(exc.failure_cases)
        return 0

    def to_polars() -> int:
        return frame.to_polars(data).height

    polars_s, polars_failures = _time(on_polars, args.repeat)
    pandas_s, pandas_failures = _time(on_pandas, args.repeat)
    convert_s, _ = _time(to_polars, args.repeat)
    print(f"{args.rows:,} rows x {len(data.columns)} columns, {checks} checks; polars {pl.__version__}")
    print(f"pandera polars backend: {polars_s:.2f} s ({polars_failures} failure cases); "
          f"pandas frame to polars: {convert_s:.2f} s")
    print(f"pandera pandas backend: {pandas_s:.2f} s ({pandas_failures} failure cases)")
    print(f"pandas / polars: {pandas_s / polars_s:.1f}x")


if __name__ == "__main__":
    main()
