"""The catalogue: products, their barcodes, prices by branch and date, and stock."""

from frontdesk.domain.catalogue.products import Product

__all__ = ["Product"]
