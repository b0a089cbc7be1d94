from sprintlog.cli import main

main()
