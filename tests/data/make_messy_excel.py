"""Write the Excel files of the messy-input corpus (synthetic people).

Run from the repository root: ``python tests/data/make_messy_excel.py``.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).parent / "messy"


def title_rows() -> None:
    """A district export with a merged banner, a note and a blank row above the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws["A1"] = "Northfield Unified - Staff Assignment Report"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Run 2026-10-01 by HR; confidential"
    ws.merge_cells("A2:E2")
    ws.append([])
    ws.append(["Staff ID", "School ID", "Title", "Name", "Evaluator ID"])
    ws.append(["100", "NF-01", "Principal", "Rosa Tran", None])
    ws.append(["101", "NF-01", "Assistant Principal", "Omar Lind", "100"])
    ws.append(["102", "NF-01", "Teacher", "Ivy Quon", "101"])
    ws.append(["103", "NF-01", "Teacher", "Vacant", "101"])
    ws.append(["104", "NF-01", "Wizard", "Max Pell", "101"])
    wb.save(OUT / "excel_title_rows.xlsx")


if __name__ == "__main__":
    title_rows()
