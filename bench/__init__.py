"""`make bench`: how fast the public site renders and serves at a chosen data size.

A benchmark, not a test: it builds a throwaway database (see portal.settings.bench), fills it
with the demo content plus generated news and snippets, times every public page type through
Django's test client, then measures requests per second against a real gunicorn. Run it with
`make bench` or `python -m bench --help`; the figures go to the console and var/bench/results.json.
"""

HOST = "127.0.0.1"
