"""Small local stand-ins for the providers' APIs and for Rasa, on loopback only."""
