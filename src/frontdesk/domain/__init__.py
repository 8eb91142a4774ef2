"""The pure domain: money, customers, catalogue, sales and service. Stdlib only."""
