"""``python -m bot.rasa_server run --enable-api ...`` (see the package's docstring)."""

from bot.rasa_server import main

main()
