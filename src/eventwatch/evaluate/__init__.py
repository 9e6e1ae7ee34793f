"""Scorers per stage and the quality gate."""
