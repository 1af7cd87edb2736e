"""Builders for the four kinds of hedge; each returns one fully priced Plan."""
