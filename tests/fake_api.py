"""Old import path of the fake API server, kept while branches still use it: use ``support``."""

from support.server import MEDIA, METADATA, SAMPLES, Exchange, FakeAPI, Handler

__all__ = ["MEDIA", "METADATA", "SAMPLES", "Exchange", "FakeAPI", "Handler"]
