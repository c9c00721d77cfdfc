"""Definition files (maps, leadership models) come in through the readers with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadmodel as lm


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("model.yaml", "key: m\nlabel: Café\n".encode("latin-1"), "is not UTF-8"),
        ("model.yaml", b"key: [unclosed\n", "is not valid YAML"),
        ("model.json", b'{"key": ', "is not valid JSON"),
        ("model.json", b"[1, 2]", "does not hold a leadership model"),
        ("model.txt", b"{}", r"name it \*\.json or \*\.yaml"),
        ("missing.json", None, "Cannot read the leadership model file"),
    ],
)
def test_a_bad_model_file_is_a_definition_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(lm.DefinitionError, match=message):
        lm.read_model(path)


def test_a_model_file_reads_back(tmp_path: Path) -> None:
    model = lm.get_model("denver")
    assert lm.read_model(lm.write_model(model, tmp_path / "denver.yaml")) == model
