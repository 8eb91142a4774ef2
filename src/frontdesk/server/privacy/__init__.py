"""Data protection: a customer's personal data exported, erased on request, and the
retention periods applied (docs/privacy.md)."""
