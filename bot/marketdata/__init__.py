"""Live market data from public exchange endpoints (ccxt), cached, with the snapshot behind it."""
