"""The hostile corpus of issue 17: generated files that every reader must survive."""
