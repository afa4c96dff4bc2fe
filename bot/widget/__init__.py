"""The website widget: a demo page of the clinic with a small chat widget.

``python -m bot.widget`` serves it on ``BIND_HOST``:``WIDGET_PORT``
[127.0.0.1:8080]. The widget talks to Rasa's socket.io channel
(``bot/channels/socketio.py``) over a websocket, with a tiny Engine.IO v4
client of our own (no CDN, no build step), and reads the conversation's
history from this server, which asks Rasa's HTTP API with the token kept
server-side.
"""
