"""The Review and Feedback Guidance 12.0 as code.

Pure Python: no Django, no database, no I/O. Every rule names the paragraph(s) of the
guidance it implements and answers with a Decision that carries its reasons.
"""
