"""The project's own exceptions; the CLI turns each into one line on stderr and exit code 2."""


class QAError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class CorpusError(QAError):
    """The corpus file is missing, empty, binary or not UTF-8."""


class InputError(QAError):
    """A question, query or batch line that cannot be answered as given."""


class IndexLoadError(QAError):
    """The index is missing, corrupt, or was built with other settings or another model."""


class ConfigError(QAError):
    """A setting (model, chunk sizes, paths) that cannot work."""
