#!/usr/bin/env python3
"""Writes the Codings sheet of the synthetic benchmark project with openpyxl's write-only mode.

Usage: bench_openpyxl.py UNITS OUT.xlsx

The same cells as coding/report's Codings sheet for syntheticData(UNITS) (bench_test.go; keep
the formulas in step): a header, then per unit and coder (ana, bo, cy) one row of document,
section, turn, speaker, role, text, coder, code (empty for a review with no code) and the time
as a date-time cell with the format yyyy-mm-dd hh:mm:ss. Prints {"rows": N, "seconds": S}, S
being the time to generate and write the rows and save the file.
"""
import datetime
import json
import sys
import time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

SPEAKERS = ["李明", "张华", "王芳", "赵强"]
TEXTS = [
    "我觉得这个问题应该转给社工处理，因为我们这边没有办法解决。",
    "=SUM(A1) is not a formula here",
    "I don't really want to talk about that, to be honest.",
    "-1 分，我给这个服务打负分。",
    "是我的错，对不起，下次不会了。",
]
CODES = ["referral", "deflection", "admission", "apology"]
CODERS = ["ana", "bo", "cy"]
START = datetime.datetime(2024, 1, 1, 0, 0, 0)


def main():
    units, out = int(sys.argv[1]), sys.argv[2]
    t0 = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Codings")
    ws.append(["Document", "Section", "Turn", "Speaker", "Role", "Text", "Coder", "Code", "Time (UTC)"])
    docs = ["访谈 %03d" % i for i in range(units // 1000 + 1)]
    sections = ["第%d部分" % (i + 1) for i in range(10)]
    rows = 1
    for u in range(units):
        doc, section, number = docs[u // 1000], sections[(u // 100) % 10], u % 1000 + 1
        speaker, text = SPEAKERS[u % 4], TEXTS[u % 5] + " (" + str(u) + ")"
        for j, coder in enumerate(CODERS):
            code = None
            if (u * 3 + j) % 17 != 0:
                k = u + j if u % 4 == 0 else u
                code = CODES[k % 4]
            # A string is written as text by openpyxl unless it starts with "=": make it a
            # plain string cell explicitly so "=SUM(A1)" stays text, as in ours.
            tcell = WriteOnlyCell(ws, value=text)
            if text.startswith("="):
                tcell.data_type = "s"
            when = WriteOnlyCell(ws, value=START + datetime.timedelta(seconds=u * 3 + j))
            when.number_format = "yyyy-mm-dd hh:mm:ss"
            ws.append([doc, section, number, speaker, "respondent", tcell, coder, code, when])
            rows += 1
    wb.save(out)
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    main()
