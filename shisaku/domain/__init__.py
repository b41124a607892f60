"""Pure-Python domain logic: no Django, no database, standard library only."""
