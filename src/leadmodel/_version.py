#: The version of leadmodel (recorded in reports and graphs for provenance).
__version__ = "0.1.0"
