"""The clinic bot's decisions in plain Python (Rasa glue lives in actions/, bot/nlu/, bot/channels/)."""
