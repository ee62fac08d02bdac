"""The checks layer: JSON documents, HTTP exchanges and sheets, checked against the spec."""
