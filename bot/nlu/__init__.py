"""Rasa NLU components and policies of the clinic bot.

They are thin: each reads Rasa's message or tracker, calls plain Python in
``bot/`` for the decision, and writes the result back. Rasa loads them by
module path from config.yml (e.g. ``bot.nlu.red_flags.RedFlagDetector``), so
this package must not import Rasa itself on import.
"""
