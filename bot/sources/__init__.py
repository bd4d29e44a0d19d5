"""Live sources: pages and feeds fetched over HTTP, politely, and handed to the loader.

``http`` fetches (limits, robots.txt, conditional GET, backoff), ``feeds`` reads feeds
and listing pages, ``pages`` turns responses into records, ``poller`` runs it all on a
schedule. Parsing stays in ``bot.ingest`` and SQL in ``bot.store``; nothing here is
imported by ``newsbot parse``/``load``/``eval`` unless a URL is given.
"""
