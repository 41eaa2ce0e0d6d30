"""The single place where the version of waterbeleid is written."""

__version__ = "0.1.0"
