"""Records per second: ``validator.check`` against plain ``jsonschema`` ``iter_errors``.

Generates metadata records from the schema (valid ones, then a set with 1% broken),
validates the same records in the same run with both, and prints records/s and the
ratio. Run from the repository root::

    python benchmarks/bench_records.py            # 100,000 records
    python benchmarks/bench_records.py --records 20000
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

import validator
from validator.spec import schemas

LIST = "onecodex/metadata-list"
ITEM = "onecodex/metadata"


def make_records(n: int, broken_share: float, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` metadata records drawn from the schema's own enums and limits; a share broken."""
    rng = random.Random(seed)
    props = schemas.properties(ITEM)
    enums = {k: schemas.enum_values(v) for k, v in props.items() if schemas.enum_values(v)}
    lat, lon = props["location_lat"], props["location_lon"]
    records = []
    for i in range(n):
        record: dict[str, Any] = {
            "$uri": f"/api/v1/metadata/{i:016x}",
            "sample": {"$ref": f"/api/v1/samples/{i:016x}"},
            "name": f"sample {i}",
            "external_sample_id": f"LIMS-{i:08d}",
            "location_lat": round(rng.uniform(lat["minimum"], lat["maximum"]), 4),
            "location_lon": round(rng.uniform(lon["minimum"], lon["maximum"]), 4),
            "location_string": "Oslo, Norway",
            "date_collected": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
            "date_sequenced": "2025-09-25T17:27:19.596555-07:00",
            "description": None,
            "starred": rng.random() < 0.1,
            "custom": {"lab_tech": "Linus Pauling", "reads": rng.randint(1, 10**6), "qc_pass": True},
            "updated_at": "2025-09-25T17:27:19Z",
            **{field: rng.choice(values) for field, values in enums.items()},
        }
        records.append(record)
    breakers: list[Callable[[dict[str, Any]], None]] = [
        lambda r: r.update(location_lat=lat["maximum"] + 10),
        lambda r: r.update(platform=r["platform"].lower() + " x"),
        lambda r: r.update(date_collected="2025-02-30T10:00:00Z"),
        lambda r: r["custom"].update(site={"city": "Oslo"}),
        lambda r: r.update(external_sample_id="X" * (props["external_sample_id"]["maxLength"] + 1)),
    ]
    for i in rng.sample(range(n), int(n * broken_share)):
        rng.choice(breakers)(records[i])
    return records


def plain_validator() -> jsonschema.Draft202012Validator:
    registry = referencing.Registry().with_resources(
        (schemas.load(n)["$id"], DRAFT202012.create_resource(schemas.load(n))) for n in schemas.names())
    return jsonschema.Draft202012Validator(schemas.load(LIST), registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def timed(func: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = func()
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    n = args.records
    plain = plain_validator()
    warm = make_records(50, 0.1)
    validator.check(warm, LIST)  # compile both samplecheck validators outside the timing
    sum(1 for _ in plain.iter_errors(warm))

    print(f"{n:,} metadata records, validated in one process; records/s (higher is better)")
    print(f"{'set':<12}{'samplecheck':>14}{'jsonschema':>14}{'ratio':>8}   findings / errors")
    for label, share in (("valid", 0.0), ("1% broken", 0.01)):
        records = make_records(n, share)
        ours, found = timed(lambda records=records: len(validator.check(records, LIST).findings))
        theirs, errors = timed(lambda records=records: sum(1 for _ in plain.iter_errors(records)))
        print(f"{label:<12}{n / ours:>14,.0f}{n / theirs:>14,.0f}{theirs / ours:>7.1f}x   {found} / {errors}")


if __name__ == "__main__":
    main()
