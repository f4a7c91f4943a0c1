"""Bottom layer shared by every package (database access); imports nothing of Planbot's."""
