"""Before serving, replay yesterday's requests through the model and refuse a broken one."""

from __future__ import annotations

import numpy as np
import pandas as pd

from exercises.ex12_attach.model import DemandModel


class ModelRejected(RuntimeError):
    """The freshly trained model gave an answer no app should show."""


def replay(model: DemandModel, requests: pd.DataFrame) -> int:
    """Forecast each (station, hour, weather) record; the number of forecasts checked."""
    for record in requests.itertuples(index=False):
        rentals = model.forecast(int(record.station_id), int(record.hour), record.weather)
        if not (len(rentals) and np.isfinite(rentals).all() and (rentals >= 0).all()):
            raise ModelRejected(f"station {record.station_id} at {record.hour}:00: {rentals}")
    return len(requests)
