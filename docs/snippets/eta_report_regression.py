"""The check that would have caught the missing orders: the chapter's worked example, step 6.

From the repository root: pytest docs/snippets/eta_report_regression.py
(it fails on eta_report.py as shipped, and passes once the fix is in).
"""

import pandas as pd
from eta_report import STORES, error_by_city


def test_every_order_is_in_the_report_even_from_a_store_not_yet_mapped():
    log = pd.DataFrame({
        "store_id": [1, 3, 99],  # 99: a store the stores table does not list yet
        "predicted_min": [20.0, 30.0, 25.0],
        "actual_min": [22.0, 29.0, 40.0],
    })
    report = error_by_city(log, STORES)
    assert report["orders"].sum() == len(log)
