"""Early stopping on the validation error, keeping the best model seen."""

from __future__ import annotations

from dataclasses import dataclass, replace

from exercises.ex05_watch.model import LinearModel


@dataclass
class EarlyStopping:
    """Stop when the validation error has not improved for ``patience`` epochs.

    ``best`` is the model as it was after ``best_epoch``, the epoch with the
    lowest validation error so far; training hands it back at the end.
    """

    patience: int
    best: LinearModel | None = None
    best_epoch: int = 0
    best_loss: float = float("inf")
    waited: int = 0

    def update(self, epoch: int, model: LinearModel, validation_loss: float) -> bool:
        """Record one finished epoch; True when training should stop."""
        if validation_loss < self.best_loss:
            self.best, self.best_epoch, self.best_loss = replace(model), epoch, validation_loss
            self.waited = 0
        else:
            self.waited += 1
        return self.waited >= self.patience
