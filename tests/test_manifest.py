"""The digest manifest (``course/manifest.json``): its ids are git's, and it forgives CRLF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from course import manifest


def test_blob_ids_are_the_ones_git_computes(tmp_path: Path):
    for data in (b"", b"one line\n", "é\r\n".encode(), bytes(range(256))):
        file = tmp_path / "file"
        file.write_bytes(data)
        by_git = subprocess.run(
            ["git", "hash-object", str(file)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert manifest.blob_id(data) == by_git


def test_a_windows_checkout_with_crlf_matches_and_an_edit_does_not():
    entry = manifest.entry_for("exercises/ex01/test_x.py", manifest.CHECK, b"a\nb\n")
    assert manifest.matches(entry, b"a\nb\n")
    assert manifest.matches(entry, b"a\r\nb\r\n")
    assert not manifest.matches(entry, b"a\nb\n# mine\n")
    assert not manifest.matches(entry, b"assert True or a\nb\n")


def test_written_and_read_back_unchanged(tmp_path: Path):
    entries = {
        path: manifest.entry_for(path, role, path.encode())
        for path, role in (("exercises/ex01_a/calc.py", manifest.EDIT),
                           ("data/rentals.csv", manifest.SHARED))
    }
    (tmp_path / "course").mkdir()
    (tmp_path / manifest.MANIFEST_NAME).write_text(manifest.dumps(entries))
    assert manifest.load(tmp_path) == entries

