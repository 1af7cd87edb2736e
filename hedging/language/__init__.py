"""The language layer: small pure readers of what people type (no Telegram in here)."""
