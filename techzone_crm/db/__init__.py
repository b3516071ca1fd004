"""Storage: SQLAlchemy models, the engine, and migrations. No Qt here."""
