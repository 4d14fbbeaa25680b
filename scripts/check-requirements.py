"""Exit 0 when every `name==version` line of the given requirements file (and of the files it
includes with `-r`) is installed."""
import os
import sys
from importlib.metadata import version, PackageNotFoundError


def check(path):
    for line in open(path):
        line = line.split("#")[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            check(os.path.join(os.path.dirname(path), line[3:].strip()))
            continue
        name, _, wanted = line.partition("==")
        try:
            if wanted and version(name) != wanted:
                sys.exit(1)
        except PackageNotFoundError:
            sys.exit(1)


check(sys.argv[1])
