"""The review post: Markdown rendered from journal objects by Jinja2 templates."""
