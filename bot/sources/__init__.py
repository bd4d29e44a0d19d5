"""Live sources: pages and feeds fetched over HTTP, politely, and handed to the loader.

``http`` fetches (limits, robots.txt, conditional GET, backoff); ``pages`` turns answers
into records; ``feeds`` reads feeds and listing pages; ``config`` reads ``feeds.toml``;
``poller`` runs rounds (in the bot, or ``watch`` without it); ``health`` words each
feed's state. Parsing stays in ``bot.ingest`` and SQL in ``bot.store``.
"""
