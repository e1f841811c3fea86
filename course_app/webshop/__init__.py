"""The web shop: static pages plus a same-origin proxy to the three services.

The browser only ever talks to the shop's own origin; ``/api/<service>/...`` is forwarded
to that service, so the pages need no CORS and the services stay on their own ports.
"""
