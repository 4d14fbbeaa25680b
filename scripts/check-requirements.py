"""Exit 0 when every `name==version` line of the given requirements file is installed."""
import sys
from importlib.metadata import version, PackageNotFoundError

for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, wanted = line.partition("==")
    try:
        if wanted and version(name) != wanted:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
