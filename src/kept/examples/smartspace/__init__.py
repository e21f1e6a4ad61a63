"""VividTech SmartSpace (a multi-tenant smart-locker platform) as an example.

``kept.yaml`` states VividTech's privacy statement for SmartSpace as a manifest; ``sample.py``
creates a realistic multi-tenant sample database for it; ``README.md`` maps each promise to the
manifest.
"""
