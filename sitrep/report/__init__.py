"""sitrep.report"""
