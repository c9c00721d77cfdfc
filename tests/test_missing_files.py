"""A path that does not exist, or a folder where a file is expected, is the library's own error
(and still an ``OSError``), for every reader, named by the path as given; the command line exits
2 on it."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path

import pytest

import leadmodel as lm
from leadmodel.cli import main
from leadmodel.errors import LeadModelError, MissingFileError, NotAFileError

READERS = sorted(
    n for n in lm.__all__ if n.startswith("read_") and n not in ("read_maps", "read_model")
)
REQUIRED = {"school_year": ("2024-08-01", "2025-06-30")}


def _required(reader: object) -> dict[str, object]:
    """The keyword-only arguments a reader cannot do without, with a usable value."""
    params = inspect.signature(reader).parameters.values()  # type: ignore[arg-type]
    needed = [p.name for p in params if p.kind == p.KEYWORD_ONLY and p.default is p.empty]
    kwargs: dict[str, object] = {}
    for name in needed:
        if name == "roster":
            kwargs[name] = lm.load_sample("denver_team_lead")
        else:
            kwargs[name] = REQUIRED[name]
    return kwargs


@pytest.mark.parametrize("name", READERS)
def test_every_reader_says_a_path_does_not_exist(name: str, tmp_path: Path) -> None:
    reader = getattr(lm, name)
    missing = tmp_path / "no_such_folder" / "staff.csv"
    source = {"2024-08-01": missing} if name == "read_rosters" else missing
    with pytest.raises(MissingFileError) as caught:
        reader(source, **_required(reader))
    assert caught.value.filename == str(missing)
    assert isinstance(caught.value, LeadModelError) and isinstance(caught.value, OSError)
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_a_missing_second_table_is_named(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("school_id,staff_id,role\nS1,P1,principal\n", encoding="utf-8")
    with pytest.raises(MissingFileError, match=r"links\.csv"):
        lm.read_roster(staff, links=tmp_path / "links.csv")


def test_the_cli_exits_2_on_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(tmp_path / "gone.csv")])
    assert code == 2
    assert "gone.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (MissingFileError, "[Errno 2] No such file or directory: 'data/staff.csv'"),
        (NotAFileError, "[Errno 21] Is a directory, not a file: 'data/staff.csv'"),
    ],
)
def test_the_errors_pickle_to_another_process_as_they_were(
    kind: type[MissingFileError | NotAFileError], text: str
) -> None:
    error = pickle.loads(pickle.dumps(kind("data/staff.csv")))
    assert type(error) is kind and error.filename == "data/staff.csv" and str(error) == text
