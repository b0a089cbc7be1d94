"""What the command modules show with: tables, charts, the terminal, usage."""
