"""A month of support work through Scrim, simulated in-process (`make simulate`)."""
