"""Vivi VoIP: Techbox Solutions Ltd T/A Vivi's website privacy notice as a Kept example.

``kept.yaml`` states the notice (seeds/003, promises VOI-01 ... VOI-30); ``sample.py`` builds a
sample database of enquiries, customers, newsletter subscribers, cookie choices and trackers;
``README.md`` maps each promise to the manifest.
"""
