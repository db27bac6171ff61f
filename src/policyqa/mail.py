"""Owns reading a saved e-mail (.eml, as a mail client saves a message): the body a
regulation was sent round in, its plain-text part preferred (a paragraph a line), else
its HTML part, each in the charset its headers declare (GB2312, GB18030, UTF-8)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from policyqa.decoding import unix_lines
from policyqa.plain_text import text_blocks
from policyqa.web_pages import page_blocks


def mail_body(data: bytes) -> tuple[str, str] | None:
    """The body of a message as ("plain" | "html", its text), attachments aside; None
    when it has no text part."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        return None
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    text = part.get_content()
    if not isinstance(text, str) or not text.strip():
        return None
    return part.get_content_subtype(), text


def mail_blocks(data: bytes) -> list[tuple[str, str, tuple[str, ...]]] | None:
    """A message's body as blocks: its plain text a paragraph a line, as a .txt is read,
    or its HTML as a page is; None when it has no text."""
    body = mail_body(data)
    if body is None:
        return None
    kind, text = body
    return page_blocks(text) if kind == "html" else text_blocks(unix_lines(text))
