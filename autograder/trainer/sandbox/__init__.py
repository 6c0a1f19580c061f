"""The grading sandbox: ``limits`` (its documented settings) and ``launcher`` (standard library only, run
once per grading kernel), and ``execute`` (the nbgrader side, which imports the launcher, never the reverse).
"""
