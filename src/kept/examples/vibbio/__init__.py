"""Vibbio: VIBBIO AS's video-production SaaS privacy policy as a Kept example.

``kept.yaml`` states the policy (seeds/001, promises VIB-01 ... VIB-34); ``sample.py`` builds a
sample database of organisations, users, media, orders, logs and processor mirrors;
``README.md`` maps each promise to the manifest.
"""
