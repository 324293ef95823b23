#!/usr/bin/env python3
"""Independent cross-check of turncoder's coding/agreement package.

Reads a long CSV (header unit,coder,code; one row per code given; an empty code marks the unit
reviewed with no code; a unit-coder pair with no row was not reviewed) and prints JSON with the
figures NLTK and statsmodels compute for it:

  per_code[code]  presence/absence of the code on each reviewed unit (labels "1"/"0")
  overall         the codes as one categorical variable, "" = reviewed with no code
                  (meaningful only when no coder gave a unit more than one code)
  masi_alpha      NLTK's Krippendorff alpha over code sets (frozensets) with Passonneau's MASI
                  distance, using exact 2/3 and 1/3 (NLTK's masi_distance rounds them to 0.67
                  and 0.33 and fails on two empty sets)

For each of per_code[code] and overall:
  nltk_alpha        AnnotationTask.alpha()       Krippendorff's alpha (binary distance); NLTK
                                                 ignores units with fewer than two labels, like
                                                 Krippendorff; it returns 1 when only one label
                                                 occurs anywhere in the data
  nltk_kappa        AnnotationTask.kappa()       mean over coder pairs of Cohen's kappa; NLTK
                                                 divides by all items, so it is Cohen's only
                                                 when every coder labelled every unit
  nltk_multi_kappa  AnnotationTask.multi_kappa() Davies and Fleiss (1982); equals Cohen's kappa
                                                 for two coders
  nltk_pi           AnnotationTask.pi()          Scott's pi; with more than two coders and
                                                 complete data it is Fleiss' kappa
  nltk_S            AnnotationTask.S()           Bennett et al.'s S with 1/|labels used|
  sm_fleiss         statsmodels fleiss_kappa(table)                      complete data only
  sm_randolph       statsmodels fleiss_kappa(table, method="randolph")   free-marginal kappa
                                                 = Brennan-Prediger, q = number of columns
  sm_cohen          statsmodels cohens_kappa(table)                      two coders, complete
  sm_cohen_se       statsmodels cohens_kappa(table).std_kappa: the large-sample standard error
                    of Fleiss, Cohen and Everitt (1969), which Gwet's (2014) variance of
                    kappa2.table equals algebraically

A statistic that raises or is not finite is null. "complete" says whether every coder reviewed
every unit; "single_label" whether no coder gave a unit more than one code.

Usage: crosscheck.py data.csv            prints one JSON object
       crosscheck.py a.csv b.csv ...     prints a JSON array, one object per file (one Python
                                         start-up for many data sets)
"""

import csv
import json
import math
import sys

import numpy as np
from nltk.metrics.agreement import AnnotationTask
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa


def masi(a, b):
    """Passonneau (2006) MASI distance with exact monotonicity weights."""
    inter = len(a & b)
    union = len(a | b)
    if union == 0:
        return 0.0
    if a == b:
        return 0.0
    if inter == len(a) or inter == len(b):
        m = 2.0 / 3.0
    elif inter > 0:
        m = 1.0 / 3.0
    else:
        return 1.0
    return 1.0 - inter / union * m


def finite(f):
    try:
        v = float(f())
    except Exception:
        return None
    if math.isnan(v) or math.isinf(v):
        return None
    return v


def stats(labels, coders, units, complete):
    """labels: dict (unit, coder) -> label for reviewed cells."""
    data = [(c, u, labels[(u, c)]) for u in units for c in coders if (u, c) in labels]
    task = AnnotationTask(data=data)
    out = {
        "nltk_alpha": finite(task.alpha),
        "nltk_kappa": finite(task.kappa),
        "nltk_multi_kappa": finite(task.multi_kappa),
        "nltk_pi": finite(task.pi),
        "nltk_S": finite(task.S),
        "sm_fleiss": None,
        "sm_randolph": None,
        "sm_cohen": None,
        "sm_cohen_se": None,
    }
    if complete:
        cats = sorted({lab for lab in labels.values()})
        ix = {c: i for i, c in enumerate(cats)}
        table = np.zeros((len(units), len(cats)))
        for i, u in enumerate(units):
            for c in coders:
                table[i, ix[labels[(u, c)]]] += 1
        out["sm_fleiss"] = finite(lambda: fleiss_kappa(table, method="fleiss"))
        out["sm_randolph"] = finite(lambda: fleiss_kappa(table, method="randolph"))
        if len(coders) == 2:
            ct = np.zeros((len(cats), len(cats)))
            for u in units:
                ct[ix[labels[(u, coders[0])]], ix[labels[(u, coders[1])]]] += 1
            out["sm_cohen"] = finite(lambda: cohens_kappa(ct, return_results=False))
            out["sm_cohen_se"] = finite(lambda: cohens_kappa(ct).std_kappa)
    return out


def check(path):
    units, coders, codes = [], [], []
    sets = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            u, c, k = row["unit"], row["coder"], row["code"]
            if u not in units:
                units.append(u)
            if c not in coders:
                coders.append(c)
            s = sets.setdefault((u, c), set())
            if k != "":
                if k not in codes:
                    codes.append(k)
                s.add(k)
    complete = all((u, c) in sets for u in units for c in coders)
    single = all(len(s) <= 1 for s in sets.values())
    out = {
        "units": len(units),
        "coders": coders,
        "complete": complete,
        "single_label": single,
        "per_code": {},
    }
    for k in codes:
        labels = {key: ("1" if k in s else "0") for key, s in sets.items()}
        out["per_code"][k] = stats(labels, coders, units, complete)
    if single:
        labels = {key: (next(iter(s)) if s else "") for key, s in sets.items()}
        out["overall"] = stats(labels, coders, units, complete)
    data = [(c, u, frozenset(sets[(u, c)])) for u in units for c in coders if (u, c) in sets]
    out["masi_alpha"] = finite(AnnotationTask(data=data, distance=masi).alpha)
    return out


def main():
    results = [check(path) for path in sys.argv[1:]]
    json.dump(results[0] if len(results) == 1 else results, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
