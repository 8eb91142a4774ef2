"""Cross-sell training and scoring (numpy/scipy; no Qt, SQL or HTTP)."""
