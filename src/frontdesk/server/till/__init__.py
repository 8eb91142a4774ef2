"""The till on the server: journal links and their effects (``journal``), the server's own
check of approvals and discounts (``checks``), the branch's till feed (``feed``), and the
tables they keep (``models``)."""
