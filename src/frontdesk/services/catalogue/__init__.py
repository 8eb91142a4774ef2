"""The catalogue at the desk: finding products, their prices, stock and cards (read only)."""
