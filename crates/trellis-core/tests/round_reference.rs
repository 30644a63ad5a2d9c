//! Round analysis compared with an independent Python implementation (scripts/reference_round.py).
