"""Qt item models over the services."""
