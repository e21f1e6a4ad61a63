"""Stores: the databases a manifest describes, reached through SQLAlchemy.

A store's URL may carry ``${VAR}`` and ``${VAR:-default}`` references, expanded from the
environment when the store is opened (never when the manifest is read, so a manifest loads
without its secrets). Relative SQLite paths are resolved against the manifest's folder.
"""

from kept.stores.engine import StoreEngines, expand_url, open_engine, store_engine
from kept.stores.introspect import ColumnInfo, SchemaInfo, TableInfo, introspect

__all__ = [
    "ColumnInfo",
    "SchemaInfo",
    "StoreEngines",
    "TableInfo",
    "expand_url",
    "introspect",
    "open_engine",
    "store_engine",
]
