"""Weekly error report of a delivery-time model, per city: the chapter's worked example.

From the repository root: python docs/snippets/eta_report.py
"""

import numpy as np
import pandas as pd

TARGET_MINUTES = 5.0  # the model is on target while its mean absolute error stays below this

STORES = pd.DataFrame({
    "store_id": [1, 2, 3, 4],
    "city": ["Lyon", "Lyon", "Porto", "Turin"],
})


def serving_log(orders: int = 1200, seed: int = 5) -> pd.DataFrame:
    """A week of predictions as the serving team exports them: store, predicted and actual minutes.

    Store 5 opened on Monday; the model has no history for it yet.
    """
    rng = np.random.default_rng(seed)
    store = rng.choice([1, 2, 3, 4, 5], size=orders, p=[0.3, 0.2, 0.2, 0.15, 0.15])
    predicted = rng.uniform(15, 45, size=orders).round(1)
    delay = np.where(store == 5, rng.uniform(5, 20, size=orders), 0.0)
    actual = (predicted + delay + rng.normal(0, 4, size=orders)).round(1)
    return pd.DataFrame({"store_id": store, "predicted_min": predicted, "actual_min": actual})


def error_by_city(log: pd.DataFrame, stores: pd.DataFrame) -> pd.DataFrame:
    """Orders and mean absolute error (minutes) of each city's deliveries."""
    scored = log.merge(stores, on="store_id", how="left")
    scored["abs_error"] = (scored["actual_min"] - scored["predicted_min"]).abs()
    per_city = scored.groupby("city").agg(orders=("abs_error", "size"),
                                          mae=("abs_error", "mean"))
    return per_city.round(1)


def main() -> None:
    report = error_by_city(serving_log(), STORES)
    print(report)
    print(f"{report['orders'].sum()} orders scored;",
          "every city on target" if (report["mae"] < TARGET_MINUTES).all() else "off target")


if __name__ == "__main__":
    main()
