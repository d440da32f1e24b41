"""The personal data (RODO) of the people in the desk: who a request names, and their rights."""
