"""Pages of the strategy and action plan (``plan``, ``actions``, ``projects``); the one form
page they share is ``pages``."""
