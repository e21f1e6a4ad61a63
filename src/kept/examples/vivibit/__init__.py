"""VIVIBIT: a data-infrastructure hardware maker's privacy policy as a Kept example.

``kept.yaml`` states the policy (seeds/000, promises VIV-01 ... VIV-40); ``sample.py`` builds a
sample database of its store, accounts, devices, support, marketing and web tracking;
``README.md`` maps each promise to the manifest.
"""
