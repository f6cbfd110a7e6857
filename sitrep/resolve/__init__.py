"""Merging event mentions into events: within one article, then across articles."""
