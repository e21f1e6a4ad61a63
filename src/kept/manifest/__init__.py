"""The privacy manifest: models, loading with located errors, and validation."""

from kept.manifest.loader import DEFAULT_MANIFEST, LoadedManifest, dump_manifest, load_manifest
from kept.manifest.models import (
    Collection,
    Dataset,
    DatasetField,
    Erasure,
    ErasureAction,
    LegalBasis,
    Manifest,
    Purpose,
    Recipient,
    Store,
)
from kept.manifest.validation import manifest_taxonomy

__all__ = [
    "DEFAULT_MANIFEST",
    "Collection",
    "Dataset",
    "DatasetField",
    "Erasure",
    "ErasureAction",
    "LegalBasis",
    "LoadedManifest",
    "Manifest",
    "Purpose",
    "Recipient",
    "Store",
    "dump_manifest",
    "load_manifest",
    "manifest_taxonomy",
]
