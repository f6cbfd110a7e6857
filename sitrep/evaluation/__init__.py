"""sitrep.evaluation"""
