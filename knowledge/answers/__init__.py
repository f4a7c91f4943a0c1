"""Answer builders: one module per answer kind, plus citations and phrasing shared by them."""
