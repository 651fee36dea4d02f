"""Online checks against the arXiv API.

Importing this package stays light: httpx and defusedxml are imported only when a
client is constructed or a response is parsed.
"""
