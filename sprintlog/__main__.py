from sprintlog.entry import main

main()
