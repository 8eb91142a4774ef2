"""The knowledge base at the desk: articles, documents, and their offline search."""
