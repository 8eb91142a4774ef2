"""The knowledge base at the desk: search, articles, suggestions by context, feedback."""
