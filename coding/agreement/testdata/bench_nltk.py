#!/usr/bin/env python3
"""Times NLTK's AnnotationTask.alpha() on a long CSV (unit,coder,code; single-label: one code
or "" per reviewed unit) for the side-by-side benchmark with turncoder's coding/agreement.

  go test ./coding/agreement -run '^$' -bench BenchmarkVsNLTK -benchtime 3x

generates 20,000 units x 3 coders, runs this script on them and reports both timings. Only
the alpha() call is timed (not reading the CSV or building the task). Prints JSON:
{"units": N, "seconds": S, "alpha": A}.
"""

import csv
import json
import sys
import time

from nltk.metrics.agreement import AnnotationTask


def main():
    labels = {}
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            labels.setdefault((row["unit"], row["coder"]), row["code"])
    data = [(coder, unit, code) for (unit, coder), code in labels.items()]
    task = AnnotationTask(data=data)
    start = time.perf_counter()
    alpha = task.alpha()
    seconds = time.perf_counter() - start
    units = len({unit for unit, _ in labels})
    json.dump({"units": units, "seconds": seconds, "alpha": alpha}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
