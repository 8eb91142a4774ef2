"""The Products page: product search (words, SKU, a scanned barcode) and the product card."""
