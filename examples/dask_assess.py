"""Assess a register of planned discharges with Dask, partition by partition.

Each partition is an ordinary pandas DataFrame, so ``assess_many`` runs on it as it is;
Dask spreads the partitions over the workers of a cluster (here a local one).
Needs the ``dask`` extra: ``pip install "waterbeleid[dask]"``.

Run with ``python examples/dask_assess.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from waterbeleid.discharge import assess_many

#: The columns that each partition gets back.
RESULT_COLUMNS = {
    "allowed": object,
    "water_board_obligation": object,
    "levy_applies": bool,
    "volume_m3": float,
    "levy_eur": object,
}


def register(n: int, seed: int = 7) -> pd.DataFrame:
    """A synthetic register in the documented column layout of ``assess_many``."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "origin": rng.choice(["bronnering", "bodemsanering"], n),
            "receiver": rng.choice(
                ["bodem", "oppervlaktewater", "hemelwaterafvoer", "vuilwaterriool"], n
            ),
            "flow__m3/h": rng.uniform(0, 150, n).round(1),
            "duration__uur": rng.uniform(1, 2000, n).round(0),
            "suspended_solids__mg/l": rng.uniform(0, 400, n).round(0),
            "iron__mg/l": rng.uniform(0, 8, n).round(1),
            "start": pd.Timestamp("2021-01-04")
            + pd.to_timedelta(rng.integers(0, 360, n), unit="D"),
        }
    )


def assess_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """``assess_many`` on one partition, keeping the partition's index."""
    result = assess_many(frame).to_pandas()
    result.index = frame.index
    return result[list(RESULT_COLUMNS)]


def main(n: int = 20_000, partitions: int = 4) -> Any:
    """Assess *n* synthetic discharges on a local cluster and summarise them."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in RESULT_COLUMNS.items()})
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster,
        Client(cluster),
    ):
        frame = dd.from_pandas(register(n), npartitions=partitions)
        assessed = frame.map_partitions(assess_partition, meta=meta).compute()
    summary = assessed.groupby(assessed["allowed"].astype(str)).size()
    print(f"{len(assessed):,} discharges assessed in {partitions} partitions")
    print(summary.to_string())
    print(f"total volume: {assessed['volume_m3'].sum():,.0f} m³")
    return assessed


if __name__ == "__main__":
    main()
