"""Cases in the window: the case view, the new case dialog, the queues, their counts."""
