"""What a published post is called: its slug, and its note name in an Obsidian vault.

Both the file a post is written to (services/publish.py) and the links other posts make
to it (render/post.py) are named here, so that a link names the file that exists.
"""

import re
import unicodedata

_NOT_IN_OBSIDIAN_NAMES = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and hyphens (empty when none are left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def post_slug(*, title: str, url: str | None, number: int) -> str:
    """The last part of the post's URL, else its title, as a slug; else ``sprint-N``."""
    last = url.rstrip("/").rsplit("/", 1)[-1] if url else ""
    return slug(last) or slug(title) or f"sprint-{number}"


def obsidian_name(title: str, number: int) -> str:
    """The title as a note name: without what Obsidian's links or file systems refuse."""
    name = " ".join(_NOT_IN_OBSIDIAN_NAMES.sub(" ", title).split()).lstrip(". ")[:100]
    return name.rstrip(". ") or f"Sprint {number} review"
