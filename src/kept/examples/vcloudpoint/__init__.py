"""vCloudPoint (thin clients, accounts, technical support, push notifications) as an example.

``kept.yaml`` states vCloudPoint's privacy statement as a manifest; ``sample.py`` creates a
realistic sample database for it; ``README.md`` maps each promise to the manifest.
"""
