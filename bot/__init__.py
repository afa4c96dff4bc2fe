"""The clinic bot's decisions in plain Python.

Rasa glue lives in actions/, bot/nlu/ and bot/channels/.
"""
