"""The patient channels: Rasa input/output channels named in ``credentials.yml``.

Each module subclasses one of Rasa's channels and adds what Rasa 3.6 lacks:
signature checks on every webhook, provider message ids handled at least once
and never twice, conversation ids in a namespace of the channel's own
(``ids``), text, size and rate limits (``limits``), no calls to the provider at
start-up, outgoing messages to a configurable API base URL (a local fake in
tests) and an output channel that works from inside Rasa's running event loop,
so staff replies sent with ``output_channel=<channel>`` reach the patient.

- ``rest.RestChannel``: trusted callers with the API token.
- ``socketio.SocketIOChannel``: the website widget (``bot/widget``), with
  server-signed sessions (``sessions``).
- ``telegram.TelegramChannel``: Telegram Bot API webhook.
- ``twilio_whatsapp.TwilioWhatsAppChannel``: WhatsApp through Twilio.
- ``whatsapp_cloud.WhatsAppCloudChannel``: Meta's WhatsApp Cloud API.
"""
