"""The catalogue at the desk: products' cards, barcodes, categories, prices, stock, search."""
