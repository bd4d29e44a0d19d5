"""Alembic's entry point. ``bot.store.migrations`` passes in an open connection."""

from alembic import context

from bot.store.models import Base

context.configure(connection=context.config.attributes["connection"], target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
