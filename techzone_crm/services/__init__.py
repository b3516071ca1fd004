"""Use cases. Each function takes a SQLAlchemy Session first and never opens its own."""
