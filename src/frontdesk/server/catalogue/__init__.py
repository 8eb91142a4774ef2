"""The catalogue on the server: categories, the products' catalogue fields and barcodes,
price lists and stock; the back office's imports and stock feed; what desks pull of them."""
