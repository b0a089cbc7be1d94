# The import is inside the guard too: Ctrl-C while Python loads sprintlog is one line.
try:
    from sprintlog.entry import main

    main()
except KeyboardInterrupt:
    import os
    import sys

    sys.stderr.write("\nInterrupted.\n")
    os._exit(130)
