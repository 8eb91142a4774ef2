"""adapters/cache package."""
