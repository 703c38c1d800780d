"""Reading source files: bytes → text → YAML documents with source positions."""
