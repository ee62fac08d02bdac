"""Checks of HTTP exchanges: responses, requests, pages, filters and references."""
