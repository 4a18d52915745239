"""Which PolNeAR training articles the tagger does not learn from (used to pick its epoch and its
grouping settings), shared by the training and tuning scripts."""

HELD_OUT_EVERY = 8


def held_out(index: int) -> bool:
    """Whether the article at ``index`` (split order, sorted by name) is kept out of training."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
