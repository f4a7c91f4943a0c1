"""Planbot's web server: the JSON API, the web chat, source views and the Teams bot.

This is the only asynchronous package. Domain code (config, knowledge) is synchronous and
is called through `bot.runner.ServiceRunner`, the single place that crosses into threads.
"""
