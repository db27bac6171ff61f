"""Owns the HTTP service: JSON API, chat page, widget and WeChat callback."""

from policyqa.server.app import create_app

__all__ = ["create_app"]
