"""Every query and statement of sprintlog, typed: one module per feature."""
