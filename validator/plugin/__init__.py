"""Contract checks for HTTP APIs: responses, requests, pages, and the pytest plugin.

Importing this package is cheap; the checkers import the schemas on first use.
"""
