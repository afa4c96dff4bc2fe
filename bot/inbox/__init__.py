"""The staff handoff inbox (``python -m bot.inbox``); see ``bot/inbox/app.py``."""
