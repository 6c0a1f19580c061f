"""Tools that author the course and build its test material: notebook writers, known submissions, the
synthetic courses of the tests and benchmarks, the generator of the bundled images.

Not part of the runtime package ``autograder``: no lesson, widget, check or trainer command imports it.
"""
