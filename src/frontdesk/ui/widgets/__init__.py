"""Widgets of the main window: passive views that emit signals and show what they are given."""
