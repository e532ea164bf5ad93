"""End-to-end tests: real `scrim serve` processes, a scripted upstream and the demo CRM."""
