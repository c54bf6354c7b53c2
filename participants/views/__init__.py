"""Pages of the participants app, one module per area (see urls.py)."""
