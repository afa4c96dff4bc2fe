"""The website widget: a demo page of the clinic with a small chat widget.

``python -m bot.widget`` serves it on ``BIND_HOST``:``WIDGET_PORT``
[127.0.0.1:8080]. The widget talks to Rasa's socket.io channel
(``bot/channels/socketio.py``) with socket.io-client, vendored as one file
under ``static/vendor/`` and served from this server (no CDN, no build step);
a websocket first, long-polling where websockets are refused. It reads the
conversation's history from this server, which asks Rasa's HTTP API with the
token kept server-side. The page is a Jinja2 template (``templates/``) with
autoescape on.
"""
