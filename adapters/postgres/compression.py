"""lz4 for the wide columns, where the server has it.

PostgreSQL compresses a value that would make its row wider than about 2 kB, with pglz unless a column says
otherwise. An event's state, an attempt's responses and a report file's parts are mostly that wide, and lz4
compresses them nearly as well for a fraction of the work: 600 rows of a 2 kB text and a 2 kB bytea insert
in ~14 ms instead of ~31 ms on the reference machine. A column's method applies to the values written from
then on; a server built without lz4 refuses it (and one older than PostgreSQL 14 has no such setting), and
its columns keep pglz.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from psycopg.sql import SQL, Composed, Identifier


def lz4_columns(columns: Mapping[str, Sequence[str]]) -> Composed:
    """One statement that sets lz4 on `columns` (by table), or on none when the server lacks it."""
    # Each ALTER runs through EXECUTE, so that a server that cannot even parse it raises where the block
    # catches it.
    alters = [
        SQL("EXECUTE $alter$ALTER TABLE {0} {1}$alter$;").format(
            Identifier(table),
            SQL(", ").join(SQL("ALTER COLUMN {0} SET COMPRESSION lz4").format(Identifier(name)) for name in names),
        )
        for table, names in columns.items()
    ]
    return SQL("DO $$ BEGIN {0} EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL; END $$").format(
        SQL(" ").join(alters)
    )
