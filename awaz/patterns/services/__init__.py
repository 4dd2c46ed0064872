"""Writes and jobs of the patterns app: near-repeat runs (``near_repeat``) and the incident
export (``export``)."""
