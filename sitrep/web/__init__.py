"""sitrep.web"""
