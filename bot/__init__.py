"""newsbot core: ingest → store → lookup → render, plus the Discord client and the CLI."""
