"""Fourth, blind evaluation corpus for Scrim (tier1 masking)."""
