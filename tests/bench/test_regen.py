from __future__ import annotations

from pathlib import Path

from bench._regen import tree_digest


def test_digest_changes_with_any_byte_or_name_but_not_with_caches(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n")
    before = tree_digest(tmp_path)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert tree_digest(tmp_path) == before
    (tmp_path / "pkg" / "a.py").write_text("x = 2\n")
    assert tree_digest(tmp_path) != before
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n")
    assert tree_digest(tmp_path) == before
    (tmp_path / "pkg" / "a.py").rename(tmp_path / "pkg" / "b.py")
    assert tree_digest(tmp_path) != before
