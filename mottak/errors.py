class MottakError(Exception):
    """A domain error carrying a Norwegian message that can be shown to the user as it is."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
