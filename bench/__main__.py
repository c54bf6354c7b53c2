"""Runs the benchmarks named on the command line, or all of them.

Each benchmark is a module of this package with a `main()` that prints its
figures; see the README, "Benchmarks".
"""

import importlib
import pkgutil
import sys

import bench


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules(bench.__path__)
        if not module.name.startswith("_")
    )


def main(names: list[str]) -> int:
    known = available()
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Available: {', '.join(known)}")
        return 2
    for name in names or known:
        print(f"== {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
