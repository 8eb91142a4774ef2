"""Cases at the desk: open, comment, assign and move them offline (``writes``), the moves
another desk won (``conflicts``), the queues, search and a customer's cases (``ports``'
``AbstractCaseQueries``), and ``DeskCases``, what the window and the CLI call (``desk``)."""
