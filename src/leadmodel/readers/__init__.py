"""Readers: the only way data comes into leadmodel."""
