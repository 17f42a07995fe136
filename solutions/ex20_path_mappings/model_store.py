"""Save a trained model as an artefact, and load it where it is served.

The artefact is a plain text file: the serving image should never run
code it finds in a file, and people can read and diff it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .training import DemandModel


def save_model(model: DemandModel, path: Path) -> None:
    Path(path).write_text(json.dumps(asdict(model), indent=1), encoding="utf-8")


def load_model(path: Path) -> DemandModel:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    # JSON keeps an object's keys only as text: give the station ids back as
    # the numbers the model was trained with, or no request finds its station.
    document["profiles"] = {int(station): profile
                            for station, profile in document["profiles"].items()}
    return DemandModel(**document)
