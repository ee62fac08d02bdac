"""The spec layer: the OpenAPI documents, the schemas generated from them, and each field's facts.

Nothing here imports another layer of the package (only :mod:`validator.errors`).
"""
