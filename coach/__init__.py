"""bonecoach's domain: pure, deterministic Python (standard library only)."""

__version__ = "0.1.0"
