"""What every app's services share (DESIGN §4): the error a service raises when the rules refuse.

A service checks its precondition and raises a subclass of DomainError with a translatable
message; views and admin actions catch DomainError alone and show the message to the person who
asked. Any other exception is a bug and is left to surface (a 500, logged).
"""


class DomainError(Exception):
    """A request the rules refuse; str(error) is the message for the person who asked.

    The message may be a lazy translation: it is translated when shown, in the language active
    then (the asker's), not when the error was raised.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)
