"""The secrets in private links and the short codes people read or type (one way to make each).

A token (`new_token`) is the key to a private page sent by email (an attendee's registration,
later a referee's upload link): 43 URL-safe characters, 256 bits, matching the `token` URL
converter. A code (`new_code`) is printed or shown to be scanned, read aloud or typed: a badge's
check-in code, a document's verification code; 12 characters (60 bits) from an alphabet without
the look-alikes 0/O and 1/I.
"""

import secrets

TOKEN_BYTES = 32
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
