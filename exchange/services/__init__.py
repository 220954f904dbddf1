"""Every change of an application's state (DESIGN §4 "Application"), one module per stage.

Each service checks its precondition (raising ApplicationError with a translatable message),
changes state in one transaction, writes an audit entry and, in that transaction, its emails
(rendered before the lock: portal.mail.queue_all).
Callers import the stage's module (`from exchange.services import drafts`); the draft services
are also importable from here, as they were before the package was split.
"""

from exchange.services.drafts import (
    CALL_CLOSED,
    ApplicationError,
    save_application_step,
    start_application,
)

__all__ = ["CALL_CLOSED", "ApplicationError", "save_application_step", "start_application"]
