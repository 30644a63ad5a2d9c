#!/usr/bin/env python3
# Reference outputs for the statistics rules in crates/trellis-core/src/stats.rs (numpy + scipy).
"""Reference values for the Trellis statistics rules (crates/trellis-core/src/stats.rs).

An independent implementation of every rule in stats.rs using numpy and scipy. It reads
the input fixtures in crates/trellis-core/tests/fixtures/stats/inputs.json and writes the
expected outputs to crates/trellis-core/tests/fixtures/stats/reference.json. The Rust
tests in crates/trellis-core/tests/stats.rs load both files and compare the Rust results
with these values to an absolute tolerance of 1e-9.

Rerun (from anywhere; paths are relative to this script):

    pip install numpy==2.4.6 scipy==1.17.1
    python3 scripts/reference_stats.py               # regenerates reference.json
    python3 scripts/reference_stats.py --write-inputs  # also rewrites inputs.json first

Rerunning with the pinned versions regenerates both files byte-identically. The inputs
are defined in make_inputs() below (the "lcg_" datasets use a fixed linear congruential
generator, so they do not depend on any library's random stream); --write-inputs is only
needed after changing them.

Pinned versions used to produce the committed reference.json:
    Python 3.11.7, numpy 2.4.6, scipy 1.17.1

Conventions, following the doc comments in stats.rs (null in JSON = None in Rust):
  * describe: null for no values; sd and ci95 null for a single value. Quartiles and the
    median are numpy.percentile with the default 'linear' method (Hyndman-Fan type 7);
    sd has ddof=1; ci95 = mean -/+ scipy.stats.t.ppf(0.975, n-1) * sd / sqrt(n).
  * rwg: 1 - s^2 / ((A^2 - 1) / 12), below 0 reported as 0; null for fewer than two
    values or fewer than two scale points A.
  * cronbach_alpha: null with fewer than two items or respondents, or when the variance
    of the row totals is 0.
  * item_total: Pearson r of each item with the sum of the other items; null when either
    side has zero variance.
  * pearson: scipy.stats.pearsonr; null for fewer than two pairs or zero variance.
  * welch: scipy.stats.ttest_ind(later, earlier, equal_var=False) for the interval and
    Welch-Satterthwaite df; null unless both groups have at least two values. When neither
    group varies scipy's df is 0/0, so the reference uses the Rust convention stated in
    stats.rs (interval = the difference) with df = n1 + n2 - 2, which is not documented
    in the Rust doc comment and is not an independent check.
  * t_quantiles, t_quantiles_large_df: scipy.stats.t.ppf; null when df <= 0.
"""

import argparse
import json
import math
import pathlib
import platform
import sys
import warnings

PINNED = {"python": "3.11.7", "numpy": "2.4.6", "scipy": "1.17.1"}

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "crates" / "trellis-core" / "tests" / "fixtures" / "stats"
INPUTS = FIXTURES / "inputs.json"
REFERENCE = FIXTURES / "reference.json"

RWG_POINTS = [1, 2, 5, 7]
QUANTILE_PS = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]


# ---------------------------------------------------------------------------------------
# Inputs


class Lcg:
    """Numerical Recipes LCG: state = (1664525 * state + 1013904223) mod 2^32."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (1664525 * self.state + 1013904223) % 2**32
        return self.state

    def below(self, n):
        """An integer in [0, n) from the high bits."""
        return (self.next() >> 16) % n


def clip(v, lo, hi):
    return max(lo, min(hi, v))


def make_inputs():
    rng = Lcg(20240601)
    likert_200 = [1 + rng.below(5) for _ in range(200)]
    continuous_150 = [rng.below(100000) / 1000 for _ in range(150)]
    skewed_120 = [clip(5 - rng.below(3) * rng.below(3), 1, 5) for _ in range(120)]

    # 40 respondents x 6 items: a latent level plus noise, so items correlate.
    matrix_40x6 = []
    for _ in range(40):
        level = 1 + rng.below(5)
        matrix_40x6.append([clip(level + rng.below(3) - 1, 1, 5) for _ in range(6)])

    group_a = [1 + rng.below(5) for _ in range(35)]
    group_b = [clip(2 + rng.below(4), 1, 5) for _ in range(52)]

    values = [
        ("empty", []),
        ("single", [3]),
        ("single_fraction", [2.75]),
        ("two_values", [1, 5]),
        ("two_equal", [4, 4]),
        ("four_hand", [1, 2, 3, 4]),
        ("likert_small", [4, 5, 3, 4, 4, 2, 5, 4]),
        ("likert_ties", [3, 3, 3, 4, 4, 2, 3, 3, 5, 3, 3]),
        ("all_identical", [5, 5, 5, 5, 5, 5]),
        ("extremes_1_5", [1, 5, 1, 5, 1, 5, 1, 5]),
        ("unsorted_with_negatives", [-2.5, 7, 0, -11.25, 3.5, 3.5, 19, -0.125, 8]),
        ("decimals", [0.1, 0.2, 0.3, 0.4, 0.7, 1.3, 2.9]),
        ("moderate_magnitude", [998.25, 1001.5, 1000.125, 999.875, 1003.0, 997.0]),
        ("irrational_like", [math.pi, math.e, math.sqrt(2), 1 / 3, 2 / 7, 22 / 7]),
        ("lcg_likert_200", likert_200),
        ("lcg_continuous_150", continuous_150),
        ("lcg_skewed_120", skewed_120),
    ]

    matrices = [
        ("five_by_four", [[4, 5, 4, 3], [3, 3, 4, 2], [5, 5, 5, 4], [2, 3, 2, 2], [4, 4, 3, 3]]),
        ("zero_variance_item", [[4, 3, 5, 4], [2, 3, 3, 1], [5, 3, 4, 5], [3, 3, 2, 3], [1, 3, 2, 2]]),
        ("two_identical_items", [[1, 1], [3, 3], [4, 4], [2, 2], [5, 5]]),
        ("two_items_one_constant", [[1, 3], [2, 3], [4, 3], [5, 3]]),
        ("opposed_items_constant_total", [[1, 5], [2, 4], [3, 3], [4, 2], [5, 1]]),
        ("negative_alpha", [[1, 5, 3], [5, 1, 3], [2, 4, 4], [4, 1, 2], [3, 3, 1]]),
        ("all_constant", [[3, 3, 3], [3, 3, 3], [3, 3, 3]]),
        ("one_item", [[1], [2], [3]]),
        ("one_respondent", [[1, 2, 3, 4]]),
        ("decimal_items", [[0.5, 1.25, 2.0], [1.5, 0.75, 2.5], [2.25, 2.0, 3.0], [0.1, 0.3, 0.2]]),
        ("lcg_40_by_6", matrix_40x6),
    ]

    pairs = [
        ("equal_sizes", [3, 4, 2, 5, 3, 4], [4, 5, 4, 5, 3, 5]),
        ("unequal_sizes_and_variances", [2, 3, 2, 3, 2], [1, 5, 4, 5, 2, 5, 1, 4, 5, 3, 5]),
        ("decline", [4.5, 4.25, 5.0, 3.75], [2.0, 3.5, 1.25, 2.75, 3.0, 1.5, 2.25]),
        ("both_constant", [3, 3, 3], [4, 4, 4, 4]),
        ("both_constant_equal", [2, 2], [2, 2, 2]),
        ("earlier_constant", [3, 3, 3, 3], [2, 4, 5, 3, 4]),
        ("later_constant", [1, 5, 2, 4], [3, 3, 3]),
        ("two_each", [1, 2], [4, 6]),
        ("earlier_single", [3], [1, 2, 3]),
        ("later_single", [1, 2, 3], [5]),
        ("earlier_empty", [], [1, 2, 3]),
        ("lcg_35_vs_52", group_a, group_b),
    ]

    correlations = [
        ("positive", [1, 2, 3, 4, 5], [2, 1, 4, 3, 5]),
        ("perfect_positive", [1, 2, 3, 4], [2, 4, 6, 8]),
        ("perfect_negative", [1, 2, 3, 4, 5], [10, 8, 6, 4, 2]),
        ("affine_decimal", [0.1, 0.7, 1.3, 2.2, 3.9], [1.3, 3.1, 4.9, 7.6, 12.7]),
        ("uncorrelated", [1, 2, 3, 4, 5], [3, 1, 5, 1, 3]),
        ("x_constant", [2, 2, 2], [1, 2, 3]),
        ("y_constant", [1, 2, 3], [4, 4, 4]),
        ("one_pair", [1], [2]),
        ("length_mismatch", [1, 2, 3], [1, 2]),
        ("lcg_likert_200_lagged", likert_200[:-1], likert_200[1:]),
    ]

    t_quantiles = []
    for df in [1, 2, 2.5, 3, 3.7, 5, 9, 10, 17.3, 29, 30, 60, 100, 199, 1000, 2000]:
        for p in [0.5, 0.9, 0.975, 0.995, 0.025]:
            t_quantiles.append({"p": p, "df": df})
    t_quantiles += [{"p": 0.975, "df": 0}, {"p": 0.975, "df": -1}]
    # Beyond ~3000 df statrs loses accuracy (see the bug test in tests/stats.rs), so these
    # are compared separately from t_quantiles.
    t_quantiles_large_df = [
        {"p": p, "df": df} for df in [5000, 10000, 100000, 1000000] for p in [0.9, 0.975, 0.995]
    ]

    return {
        "about": "Inputs for the statistics reference tests; written by "
        "scripts/reference_stats.py --write-inputs, read by that script and by "
        "crates/trellis-core/tests/stats.rs.",
        "values": [{"name": n, "values": v} for n, v in values],
        "matrices": [{"name": n, "rows": r} for n, r in matrices],
        "pairs": [{"name": n, "earlier": a, "later": b} for n, a, b in pairs],
        "correlations": [{"name": n, "x": x, "y": y} for n, x, y in correlations],
        "t_quantiles": t_quantiles,
        "t_quantiles_large_df": t_quantiles_large_df,
    }


# ---------------------------------------------------------------------------------------
# Reference rules (numpy and scipy)


def f(x):
    """A finite Python float (or None), so json writes its full-precision repr."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite reference value {x!r}")
    return x


def ref_describe(values):
    import numpy as np
    from scipy import stats

    a = np.asarray(values, dtype=np.float64)
    n = a.size
    if n == 0:
        return None
    mean = np.mean(a)
    out = {
        "n": n,
        "mean": f(mean),
        "median": f(np.median(a)),
        "sd": None,
        "q1": f(np.percentile(a, 25, method="linear")),
        "q3": f(np.percentile(a, 75, method="linear")),
        "min": f(np.min(a)),
        "max": f(np.max(a)),
        "ci95": None,
    }
    if n >= 2:
        sd = np.std(a, ddof=1)
        half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        out["sd"] = f(sd)
        out["ci95"] = [f(mean - half), f(mean + half)]
    return out


def ref_variance(values):
    import numpy as np

    return f(np.var(np.asarray(values, dtype=np.float64), ddof=1)) if len(values) >= 2 else None


def ref_quantiles(values):
    import numpy as np

    if not values:
        return []
    a = np.asarray(values, dtype=np.float64)
    return [{"p": p, "q": f(np.percentile(a, 100 * p, method="linear"))} for p in QUANTILE_PS]


def ref_rwg(values, points):
    import numpy as np

    if len(values) < 2 or points < 2:
        return None
    null = (points * points - 1) / 12
    return f(max(0.0, 1.0 - np.var(np.asarray(values, dtype=np.float64), ddof=1) / null))


def ref_alpha(rows):
    import numpy as np

    if not rows or len(rows) < 2 or len(rows[0]) < 2:
        return None
    m = np.asarray(rows, dtype=np.float64)
    k = m.shape[1]
    total_var = np.var(m.sum(axis=1), ddof=1)
    if total_var <= 0:
        return None
    item_var = np.var(m, axis=0, ddof=1).sum()
    return f(k / (k - 1) * (1 - item_var / total_var))


def ref_pearson(x, y):
    import numpy as np
    from scipy import stats

    if len(x) != len(y) or len(x) < 2:
        return None
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if np.var(x) == 0 or np.var(y) == 0:
        return None
    return f(stats.pearsonr(x, y).statistic)


def ref_item_total(rows):
    import numpy as np

    if not rows:
        return []
    m = np.asarray(rows, dtype=np.float64)
    totals = m.sum(axis=1)
    return [ref_pearson(m[:, i].tolist(), (totals - m[:, i]).tolist()) for i in range(m.shape[1])]


def ref_welch(earlier, later):
    import numpy as np
    from scipy import stats

    if len(earlier) < 2 or len(later) < 2:
        return None
    a = np.asarray(earlier, dtype=np.float64)
    b = np.asarray(later, dtype=np.float64)
    difference = np.mean(b) - np.mean(a)
    if np.var(a) == 0 and np.var(b) == 0:
        # Rust convention (see the module docstring): no spread, no interval.
        return {"difference": f(difference), "low": f(difference), "high": f(difference),
                "df": f(len(a) + len(b) - 2)}
    with warnings.catch_warnings():
        # scipy warns of "catastrophic cancellation" when one group is constant; its
        # variance is then exactly 0 and the result is exact (checked by hand for the
        # earlier_constant and later_constant fixtures).
        warnings.filterwarnings("ignore", message="Precision loss occurred", category=RuntimeWarning)
        res = stats.ttest_ind(b, a, equal_var=False)
    ci = res.confidence_interval(confidence_level=0.95)
    return {"difference": f(difference), "low": f(ci.low), "high": f(ci.high), "df": f(res.df)}


def ref_t_quantile(p, df):
    from scipy import stats

    return f(stats.t.ppf(p, df)) if df > 0 else None


def make_reference(inputs):
    import numpy as np
    import scipy

    return {
        "about": "Expected outputs of the statistics rules, written by "
        "scripts/reference_stats.py from inputs.json; compared with the Rust results by "
        "crates/trellis-core/tests/stats.rs. Do not edit by hand.",
        "generated_with": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "values": [
            {
                "name": d["name"],
                "mean": f(np.mean(d["values"])) if d["values"] else None,
                "variance": ref_variance(d["values"]),
                "describe": ref_describe(d["values"]),
                "quantiles": ref_quantiles(d["values"]),
                "rwg": [{"points": a, "rwg": ref_rwg(d["values"], a)} for a in RWG_POINTS],
            }
            for d in inputs["values"]
        ],
        "matrices": [
            {"name": d["name"], "alpha": ref_alpha(d["rows"]), "item_total": ref_item_total(d["rows"])}
            for d in inputs["matrices"]
        ],
        "pairs": [
            {"name": d["name"], "welch": ref_welch(d["earlier"], d["later"])} for d in inputs["pairs"]
        ],
        "correlations": [
            {"name": d["name"], "pearson": ref_pearson(d["x"], d["y"])} for d in inputs["correlations"]
        ],
        "t_quantiles": [
            {"p": d["p"], "df": d["df"], "t": ref_t_quantile(d["p"], d["df"])} for d in inputs["t_quantiles"]
        ],
        "t_quantiles_large_df": [
            {"p": d["p"], "df": d["df"], "t": ref_t_quantile(d["p"], d["df"])}
            for d in inputs["t_quantiles_large_df"]
        ],
    }


# ---------------------------------------------------------------------------------------
# Output: stable, readable JSON with lists of numbers on one line and floats as repr


def dump(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, dict):
        if all(not isinstance(v, (dict, list)) for v in obj.values()):
            return "{" + ", ".join(f"{json.dumps(k)}: {dump(v)}" for k, v in obj.items()) + "}"
        items = [f'{pad}  {json.dumps(k)}: {dump(v, indent + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(not isinstance(v, (dict, list)) for v in obj) or all(
            isinstance(v, list) and all(not isinstance(w, (dict, list)) for w in v) for v in obj
        ):
            return "[" + ", ".join(dump(v) for v in obj) + "]"
        return "[\n" + ",\n".join(f"{pad}  {dump(v, indent + 1)}" for v in obj) + "\n" + pad + "]"
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError(f"non-finite value {obj!r}")
        return repr(obj)
    if isinstance(obj, str):
        return json.dumps(obj)
    raise TypeError(f"cannot write {type(obj).__name__}")


def write(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(obj) + "\n", encoding="utf-8")


def main(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0]
        + f" Pinned versions: Python {PINNED['python']}, numpy {PINNED['numpy']}, "
        f"scipy {PINNED['scipy']}. Reads {INPUTS.relative_to(HERE.parent)} and writes "
        f"{REFERENCE.relative_to(HERE.parent)}, which crates/trellis-core/tests/stats.rs "
        "compares with the Rust results.",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--write-inputs",
        action="store_true",
        help="first rewrite inputs.json from the definitions in this script",
    )
    args = parser.parse_args(argv)

    import numpy as np
    import scipy

    found = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    if found != PINNED:
        print(f"warning: running with {found}, reference.json was pinned to {PINNED}", file=sys.stderr)

    if args.write_inputs:
        write(INPUTS, make_inputs())
        print(f"wrote {INPUTS}")
    inputs = json.loads(INPUTS.read_text(encoding="utf-8"))
    write(REFERENCE, make_reference(inputs))
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main(sys.argv[1:])
