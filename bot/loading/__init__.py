"""The loader's parts: finding files and stamping them, reading and parsing them in worker
processes, and telling which release a record repeats."""
