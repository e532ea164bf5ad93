"""`make eval`: a labelled, seeded corpus of support-tool responses, run through Scrim and presidio."""
