"""晾晒: the league table of handling units and districts for a period —
volume, response (签收) rate, on-time closure, one-time resolution,
satisfaction, reopens, a weighted composite and competition ranks. A public
version carries unit names and numbers only. Formulas in
docs/feedback-league.md."""
