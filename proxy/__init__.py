"""Scrim: a need-to-know proxy for customer-support tools."""

import os

# presidio's e-mail recognizer asks tldextract for the Public Suffix List, which tldextract fetches
# from the internet on first use unless this is set (read once, at its import). Empty means "use the
# snapshot bundled with tldextract"; a site may point it at a local file instead.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
