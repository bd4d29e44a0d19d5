"""The loader's parts: finding files and stamping them, reading and parsing them in worker
processes, telling which release a record repeats, and reconciling files with the store."""
