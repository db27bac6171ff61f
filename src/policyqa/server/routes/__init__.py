"""Owns nothing itself: one router per resource, one module each."""
