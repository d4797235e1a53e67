"""Course content as data: ligament notes and stretching-dose evidence (each fact with its source).

Published numbers the model also uses live in :mod:`hipcapsule.published`; this package holds
the ones only the course needs, and the plain-words notes the lessons and explorers show.
"""

from . import dose, ligaments

__all__ = ["dose", "ligaments"]
