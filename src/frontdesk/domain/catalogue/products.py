"""The product catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import UnitPrice


@dataclass(frozen=True, slots=True)
class Product:
    """Something the company sells, identified by its SKU (stock code)."""

    sku: str
    name: str
    category: str
    unit_price: UnitPrice

    def __post_init__(self) -> None:
        if not self.sku.strip() or len(self.sku) > 64:
            raise ValidationError("sku", f"must be 1 to 64 characters, got {self.sku!r}")
        if len(self.name) > 300:
            raise ValidationError("name", "longer than 300 characters")
