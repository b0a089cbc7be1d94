# The two-sprint journal that renders review-sprint-1.md and review-sprint-2.md.
# Every line is a sprintlog command, run from this directory. A line "#@ DAY" says which
# day the commands below it were run on: tests/test_examples.py replays them with that
# day as today, then renders both posts. Run as a script (on any day), it builds the same
# sprints, but the reading list and questions change on the day you run it.
#@ 2025-03-03
sprintlog config set post_url "/ssj-{n}"
sprintlog config set epistemic_status "a record of my self study, kept to remember links and manage my focus."
sprintlog sprint start --start 2025-03-03 --length 14
sprintlog goal add 1 Write --description "Outline the essay on reward design in RL."
sprintlog goal add 2 Read --description "Read the alignment survey and the VK LTA overview."
sprintlog goal add 3 --task "Work through chapter 1 of the LA textbook." --task "Find a study partner for LA."
sprintlog goal add 4 Code --task "Set up a grid world." --task "Write a Q-learning agent."
sprintlog acronym add RL "Reinforcement Learning"
sprintlog acronym add LA "Linear Algebra"
sprintlog acronym add "VK LTA" "Vanessa Kosoy's Learning Theoretic Agenda"
sprintlog acronym add LLM "Large Language Model"
sprintlog read add "An overview of the LTA" --url https://example.org/lta --category Alignment --goal 2
sprintlog read add "A survey of reward design" --category RL --goal 2
sprintlog question add "How should I be using LLMs to help my studies?"
#@ 2025-03-05
sprintlog log "Outline, first version" --date 2025-03-04 --goal 1 --minutes 50
sprintlog log "LA 1.1-1.4" --date 2025-03-05 --goal 3a --tag linear-algebra
#@ 2025-03-08
sprintlog read start 1
sprintlog log "LTA overview, first half" --date 2025-03-07 --goal 2
sprintlog log "Grid world environment" --date 2025-03-08 --goal 4a
#@ 2025-03-12
sprintlog read start 2
sprintlog read done 2 --note "summary written"
sprintlog log "LA 1.5-1.9" --date 2025-03-10 --goal 3a --tag linear-algebra
sprintlog log "Reward survey, all of it #RL" --date 2025-03-11 --goal 2 --minutes 90
sprintlog log "Outline, second version | with a table-breaking pipe" --date 2025-03-12 --goal 1
#@ 2025-03-16
sprintlog goal done 1
sprintlog goal partial 2
sprintlog goal partial 3a
sprintlog goal defer 3b
sprintlog goal done 4a
sprintlog note 1 - < notes/sprint-1-goal-1.md
sprintlog note 2 "Half of the LTA overview; the VK LTA is denser than I thought."
sprintlog note 3 - < notes/sprint-1-goal-3.md
sprintlog note 3a - < notes/sprint-1-task-3a.md
sprintlog note 4b "Not started: the grid world took the time."
#@ 2025-03-17
sprintlog sprint start --start 2025-03-17 --length 14
sprintlog sprint note 2 - < notes/sprint-2-intro.md
sprintlog goal add 1 Write --description "Draft the essay's introduction." --sprint 2
sprintlog goal task 3 "Finish chapter 1 of the LA textbook." --sprint 2 --description - < notes/sprint-2-task-3b.md
# --- sprint 2's work: post 1 reads the same before and after it ---
#@ 2025-03-20
sprintlog read done 1 --note "Both halves read"
sprintlog question resolve 1
sprintlog acronym add SR "Spaced Repetition"
sprintlog break add 2025-03-25 2025-03-26 exams
sprintlog log "LTA overview, second half" --date 2025-03-18 --goal 2
sprintlog log "LA 1.10-1.12" --date 2025-03-19 --goal 3b
sprintlog log "Essay: introduction" --date 2025-03-20 --goal 1
#@ 2025-03-30
sprintlog log 'Q-learning update rule, from [Sutton & Barto](http://incompleteideas.net/book/the-book.html) *ch. 6* -- `alpha` at 0.1' --date 2025-03-24 --goal 4 --minutes 75
sprintlog log 'Bought the $5 e-book of exercises #LA' --date 2025-03-28 --goal 3b --minutes 20 --tag books
sprintlog log "LA chapter 1 done; SR deck started" --date 2025-03-27 --goal 3b
sprintlog goal done 2
sprintlog goal done 3b
sprintlog goal partial 4a
sprintlog note 2 "Done at last."
sprintlog note 3b - < notes/sprint-2-task-3b-outcome.md
sprintlog note 4 - < notes/sprint-2-goal-4.md
#@ 2025-04-01
