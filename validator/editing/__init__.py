"""Writing files for the user: annotated copies, fixed copies and templates."""
