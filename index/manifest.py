"""The index manifest: everything needed to tell whether an index matches what would be built now."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ingest.errors import IndexLoadError

SCHEMA_VERSION = 2
# Names how texts are turned into vectors (what embedding_text and friends feed the model). Change it
# whenever that changes, so `serve` and `eval` rebuild indexes made by older code instead of mixing recipes.
EMBEDDING_RECIPE = "chunks=path+flat/units=subject+title+flat/heads=lead-in/v1"
MANIFEST_NAME = "manifest.json"
_TYPES = {"int": int, "str": str, "float": (int, float), "dict": dict, "list[dict]": list}  # field annotation -> type
FIX = "rebuild it with: baclofen-qa build"


@dataclass(frozen=True)
class Manifest:
    """Saved beside the vectors; verified on every load."""

    schema_version: int
    model_name: str
    weights_sha256: str
    dim: int
    faiss_version: str
    chunking: dict
    corpus: list[dict]  # one {"doc_id", "source", "sha256", "chars"} per document
    counts: dict
    files: dict  # file name -> sha256 of its bytes
    built_at: str
    build_seconds: float
    index_type: str = "flat-ip"
    embedding_recipe: str = EMBEDDING_RECIPE
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @property
    def version(self) -> str:
        """A short id of this build, recorded with feedback and reports."""
        import hashlib

        return hashlib.sha256(self.to_json().encode()).hexdigest()[:12]


def read_manifest(index_dir: Path) -> Manifest:
    """Read and type-check manifest.json; IndexLoadError naming the fix if it is absent or bad."""
    path = Path(index_dir) / MANIFEST_NAME
    if not path.is_file():
        raise IndexLoadError(f"no index at {index_dir} (manifest.json missing); build it with: baclofen-qa build")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema_version") != SCHEMA_VERSION:
            raise IndexLoadError(
                f"index at {index_dir} has schema version {data.get('schema_version')!r}, this program reads "
                f"{SCHEMA_VERSION}; {FIX}"
            )
        manifest = Manifest(**data)
        wrong = [f.name for f in fields(Manifest) if not isinstance(getattr(manifest, f.name), _TYPES[f.type])]
        if wrong:
            raise TypeError(f"wrong type for {', '.join(wrong)}")
        return manifest
    except IndexLoadError:
        raise
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise IndexLoadError(f"index manifest at {path} is corrupt ({exc.__class__.__name__}); {FIX}") from None
