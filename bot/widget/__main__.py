"""``python -m bot.widget``: serve the demo page and the chat widget."""

from bot.widget.app import main

if __name__ == "__main__":
    main()
