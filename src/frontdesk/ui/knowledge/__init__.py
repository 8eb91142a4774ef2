"""The knowledge base at the desk: the Knowledge page (search, article, PDF), article windows
opened from suggestions beside a customer, a case or the till's basket."""
