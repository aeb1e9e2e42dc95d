"""The REST API: published data for anyone; report figures writable with a per-user token."""
