"""evaluator: weigh what interviews revealed and compare job opportunities honestly."""

__version__ = "0.1.0"
