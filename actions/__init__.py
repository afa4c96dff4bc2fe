"""Thin rasa-sdk actions: read the tracker, call bot/, return events."""
