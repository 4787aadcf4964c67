"""Dispatch suggestions (智能分派建议): category, handling unit and similar closed cases for
an incoming case, from a model trained on the platform's own closed cases (keyword rules
from the category tree while there are too few); the dispatcher decides, and the choice is
recorded with the suggestion it replaced. See docs/dispatch-suggestions.md."""
