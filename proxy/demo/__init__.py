"""The demo CRM that `scrim demo` puts behind Scrim."""
