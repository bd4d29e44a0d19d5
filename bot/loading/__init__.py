"""The loader's parts that need no database: finding files, stamping and hashing them,
and reading and parsing them in worker processes."""
