"""The quarterly performance report: ``content`` gathers what it says (every figure once, as
tables), ``pdf`` lays it out with charts for people, ``xlsx`` writes the same tables for
spreadsheets, and ``storage`` keeps the files outside the web root. The job that runs them
is ``awaz.strategy.services.quarterly``."""
