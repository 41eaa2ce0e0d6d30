"""Assess a register of planned discharges with Dask, partition by partition.

Each partition is an ordinary pandas DataFrame, so ``assess_many`` runs on it as it is;
Dask spreads the partitions over the workers of a cluster (here a local one).
Needs the ``dask`` extra: ``pip install "waterbeleid[dask]"``.

Run with ``python examples/dask_assess.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from waterbeleid.discharge import assess_many

#: The columns that each partition gets back.
RESULT_COLUMNS = {
    "allowed": object,
    "water_board_obligation": object,
    "levy_applies": object,  # True, False, or None where no levy rule is in force
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
            "flow_m3_per_h": rng.uniform(0, 150, n).round(1),
            "duration_h": rng.uniform(1, 2000, n).round(0),
            # about one sample in twenty not analysed: unknown, so never "allowed"
            "suspended_solids_mg_per_l": np.where(
                rng.random(n) < 0.05, np.nan, rng.uniform(0, 400, n).round(0)
            ),
            "iron_mg_per_l": rng.uniform(0, 8, n).round(1),
            "start": pd.Timestamp("2021-01-04")
            + pd.to_timedelta(rng.integers(0, 360, n), unit="D"),
        }
    )


def assess_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """``assess_many`` on one partition, keeping the partition's index."""
    return assess_many(frame).to_pandas(index=frame.index)[list(RESULT_COLUMNS)]


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
    verdicts = {True: "allowed", False: "not allowed"}
    verdict = assessed["allowed"].map(lambda v: verdicts.get(v, "undecided"), na_action=None)
    obligation = assessed["water_board_obligation"].map(
        lambda o: "unknown" if o is None else o.value
    )
    levied = assessed["levy_applies"].eq(True) & assessed["levy_eur"].notna()
    levies = assessed.loc[levied, "levy_eur"]
    print(f"{len(assessed):,} discharges assessed in {partitions} partitions")
    print(verdict.value_counts().sort_index().rename_axis("verdict").to_string())
    print(obligation.value_counts().sort_index().rename_axis("water board").to_string())
    print(f"total volume: {assessed['volume_m3'].sum():,.0f} m³")
    print(f"total levy: EUR {sum(levies, Decimal('0.00')):,} ({len(levies):,} discharges levied)")
    return assessed


if __name__ == "__main__":
    main()
