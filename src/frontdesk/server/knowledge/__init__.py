"""The knowledge base: versioned articles and their translations, documents kept by hash,
the back office's import and API, desks' feedback and drafts, and what desks pull of it."""
