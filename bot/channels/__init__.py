"""The patient channels: Rasa input/output channels named in ``credentials.yml``.

Each module subclasses one of Rasa's channels and adds what Rasa 3.6 lacks:
signature checks on every webhook, de-duplication of provider message ids,
no calls to the provider at start-up, outgoing messages to a configurable API
base URL (a local fake in tests) and an output channel that works from inside
Rasa's running event loop, so staff replies sent with ``output_channel=latest``
reach the patient.

- ``socketio.SocketIOChannel``: the website widget (``bot/widget``).
- ``telegram.TelegramChannel``: Telegram Bot API webhook.
- ``twilio_whatsapp.TwilioWhatsAppChannel``: WhatsApp through Twilio.
- ``whatsapp_cloud.WhatsAppCloudChannel``: Meta's WhatsApp Cloud API.
"""
