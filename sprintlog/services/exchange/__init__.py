"""Import, export and merge: a journal's data in and out, in any format."""
